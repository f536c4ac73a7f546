package dev.cleave.platform.persistence.events;

import java.nio.file.Path;

import dev.cleave.platform.persistence.ContextDatabase;
import io.helidon.config.Config;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AbstractRecordingCatchUpsTest} on the default database: an embedded H2 file in PostgreSQL mode, a new one
 * for each test.
 */
class RecordingCatchUpsOnH2Test extends AbstractRecordingCatchUpsTest {
    @TempDir
    Path dataDir;

    @Override
    ContextDatabase openEmpty() {
        return ContextDatabase.open(Config.empty(), dataDir, "consumer", "consumer", RecordingCatchUpsOnH2Test.class);
    }
}
