package dev.cleave.platform.persistence;

import java.nio.file.Path;

import io.helidon.config.Config;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AbstractClaimingAnIdempotencyKeyTest} on the default database: an embedded H2 file in PostgreSQL mode, a
 * new one for each test.
 */
class ClaimingAnIdempotencyKeyOnH2Test extends AbstractClaimingAnIdempotencyKeyTest {
    @TempDir
    Path dataDir;

    @Override
    ContextDatabase openEmpty() {
        // No migrations of a context here (there is no db-user folder in the platform), only the platform's own.
        return ContextDatabase.open(Config.empty(), dataDir, "user", "users", ContextDatabase.class);
    }
}
