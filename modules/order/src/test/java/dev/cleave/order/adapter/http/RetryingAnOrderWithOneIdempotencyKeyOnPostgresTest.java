package dev.cleave.order.adapter.http;

import java.util.Map;

import dev.cleave.order.wiring.OrderContextProvider;
import dev.cleave.platform.testing.PostgresFixture;
import io.helidon.config.Config;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractRetryingAnOrderWithOneIdempotencyKeyTest} on PostgreSQL: a throwaway database for the class, which
 * the context reaches as its own role; each test starts from an empty schema.
 */
class RetryingAnOrderWithOneIdempotencyKeyOnPostgresTest extends AbstractRetryingAnOrderWithOneIdempotencyKeyTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of(OrderContextProvider.NAME, "orders"));

    @Override
    Config database() {
        POSTGRES.emptySchema(OrderContextProvider.NAME);
        return POSTGRES.config();
    }
}
