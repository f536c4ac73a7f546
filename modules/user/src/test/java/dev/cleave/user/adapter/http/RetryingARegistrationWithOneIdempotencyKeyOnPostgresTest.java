package dev.cleave.user.adapter.http;

import java.util.Map;

import dev.cleave.platform.testing.PostgresFixture;
import dev.cleave.user.wiring.UserContextProvider;
import io.helidon.config.Config;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractRetryingARegistrationWithOneIdempotencyKeyTest} on PostgreSQL: a throwaway database for the class,
 * which the context reaches as its own role; each test starts from an empty schema.
 */
class RetryingARegistrationWithOneIdempotencyKeyOnPostgresTest
        extends AbstractRetryingARegistrationWithOneIdempotencyKeyTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of(UserContextProvider.NAME, "users"));

    @Override
    Config database() {
        POSTGRES.emptySchema(UserContextProvider.NAME);
        return POSTGRES.config();
    }
}
