package dev.cleave.platform.persistence.events;

import java.nio.file.Path;
import java.util.Map;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractRecordingCatchUpsTest} on PostgreSQL: a throwaway database for the class, which the consuming
 * context reaches as its own role; each test starts from an empty schema.
 */
class RecordingCatchUpsOnPostgresTest extends AbstractRecordingCatchUpsTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of("consumer", "consumer"));

    @Override
    ContextDatabase openEmpty() {
        POSTGRES.emptySchema("consumer");
        return ContextDatabase.open(POSTGRES.config(), Path.of("unused"), "consumer", "consumer",
                                    RecordingCatchUpsOnPostgresTest.class);
    }
}
