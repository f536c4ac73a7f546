package dev.cleave.platform.persistence.events;

import java.util.List;
import java.util.Set;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.CatchUps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A consumer's record of the publishers' history it has read, in its own database: by publisher and type, recorded
 * once however often, kept apart from other consumers', and forgotten on demand.
 *
 * <p>The cases; {@link RecordingCatchUpsOnH2Test} and {@link RecordingCatchUpsOnPostgresTest} run them on each
 * database a context may use.
 */
abstract class AbstractRecordingCatchUpsTest {
    private ContextDatabase database;
    private CatchUps catchUps;

    /** Opens the consuming context's database, empty, with its migrations ({@code db-consumer}) and the platform's. */
    abstract ContextDatabase openEmpty();

    @BeforeEach
    void open() {
        database = openEmpty();
        catchUps = JdbcInbox.of(database, "consumer").catchUps();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aConsumerHasCaughtUpOnNothingUntilItRecordsTypes() {
        assertEquals(Set.of(), catchUps.caughtUpOn("user"));

        catchUps.record("user", List.of("UserDeleted", "UserRegistered"));

        assertEquals(Set.of("UserDeleted", "UserRegistered"), catchUps.caughtUpOn("user"));
        assertEquals(Set.of(), catchUps.caughtUpOn("billing"), "another publisher's types");
    }

    @Test
    void recordingATypeAgainChangesNothing() {
        catchUps.record("user", List.of("UserDeleted"));

        catchUps.record("user", List.of("UserDeleted", "UserUpdated"));

        assertEquals(Set.of("UserDeleted", "UserUpdated"), catchUps.caughtUpOn("user"));
    }

    @Test
    void eachConsumerKeepsItsOwnRecord() {
        CatchUps other = JdbcInbox.of(database, "other").catchUps();

        catchUps.record("user", List.of("UserDeleted"));

        assertEquals(Set.of(), other.caughtUpOn("user"));
    }

    @Test
    void aForgottenTypeIsNoLongerCaughtUpOn() {
        catchUps.record("user", List.of("UserDeleted", "UserUpdated"));

        catchUps.forget("user", List.of("UserUpdated"));

        assertEquals(Set.of("UserDeleted"), catchUps.caughtUpOn("user"));
    }
}
