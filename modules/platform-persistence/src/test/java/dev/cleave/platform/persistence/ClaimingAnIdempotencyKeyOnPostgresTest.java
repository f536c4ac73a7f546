package dev.cleave.platform.persistence;

import java.nio.file.Path;
import java.util.Map;

import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractClaimingAnIdempotencyKeyTest} on PostgreSQL: a throwaway database for the class, which the context
 * reaches as its own role; each test starts from an empty schema.
 */
class ClaimingAnIdempotencyKeyOnPostgresTest extends AbstractClaimingAnIdempotencyKeyTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of("user", "users"));

    @Override
    ContextDatabase openEmpty() {
        POSTGRES.emptySchema("user");
        // No migrations of a context here (there is no db-user folder in the platform), only the platform's own.
        return ContextDatabase.open(POSTGRES.config(), Path.of("unused"), "user", "users", ContextDatabase.class);
    }
}
