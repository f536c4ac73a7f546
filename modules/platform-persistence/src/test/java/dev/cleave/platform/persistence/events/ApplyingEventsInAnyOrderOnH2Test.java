package dev.cleave.platform.persistence.events;

import java.nio.file.Path;

import dev.cleave.platform.persistence.ContextDatabase;
import io.helidon.config.Config;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AbstractApplyingEventsInAnyOrderTest} on the default database: an embedded H2 file in PostgreSQL mode, a new
 * one for each test.
 */
class ApplyingEventsInAnyOrderOnH2Test extends AbstractApplyingEventsInAnyOrderTest {
    @TempDir
    Path dataDir;

    @Override
    ContextDatabase openEmpty() {
        return ContextDatabase.open(Config.empty(), dataDir, "consumer", "consumer",
                                    ApplyingEventsInAnyOrderOnH2Test.class);
    }
}
