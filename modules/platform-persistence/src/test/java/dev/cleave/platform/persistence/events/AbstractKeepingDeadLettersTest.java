package dev.cleave.platform.persistence.events;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.DeadLetter;
import dev.cleave.platform.spi.DeadLetters;
import dev.cleave.platform.spi.EventCodec;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer's dead letters in its own database: set aside once with a one-line reason, listed, and replayed through
 * the inbox, so a replay applies the event once, however often it is tried, and removes the dead letter; a replay
 * that fails keeps it with one more attempt and the new reason.
 *
 * <p>The cases; {@link KeepingDeadLettersOnH2Test} and {@link KeepingDeadLettersOnPostgresTest} run them on each
 * database a context may use.
 */
abstract class AbstractKeepingDeadLettersTest {
    private ContextDatabase database;
    private DeadLetters deadLetters;
    private final AtomicBoolean broken = new AtomicBoolean(true);
    private Subscription<ThingHappened> subscription;

    /** Opens the consuming context's database, empty, with its migrations ({@code db-consumer}) and the platform's. */
    abstract ContextDatabase openEmpty();

    @BeforeEach
    void open() {
        database = openEmpty();
        subscription = new Subscription<>(JdbcInbox.of(database, "consumer"), "publisher", ThingHappened.class,
                                          this::apply);
        deadLetters = subscription.inbox().deadLetters();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEventSetAsideIsListedWithItsReasonInOneLineAndSetAsideOnce() {
        OutboxRecord record = record(ThingHappened.of(5));
        IllegalStateException failure = new IllegalStateException("cannot handle thing 5\n\tat the handler");

        deadLetters.setAside(record, 5, failure);
        deadLetters.setAside(record, 5, failure);

        List<DeadLetter> listed = deadLetters.list();
        assertEquals(1, listed.size(), "one dead letter per event: " + listed);
        DeadLetter letter = listed.getFirst();
        assertEquals("consumer", letter.consumer());
        assertEquals(record.eventId(), letter.eventId());
        assertEquals("publisher", letter.publisher());
        assertEquals("ThingHappened", letter.type());
        assertEquals(5, letter.aggregateId());
        assertEquals(record.payload(), letter.payload());
        assertEquals(5, letter.attempts());
        assertEquals("IllegalStateException: cannot handle thing 5 at the handler", letter.lastError());
        assertEquals(1, deadLetters.count());
        assertEquals(letter, deadLetters.find(record.eventId()).orElseThrow());
    }

    @Test
    void aReplayThatFailsKeepsTheDeadLetterWithOneMoreAttemptAndTheNewReason() {
        OutboxRecord record = record(ThingHappened.of(6));
        deadLetters.setAside(record, 5, new IllegalStateException("first"));

        assertThrows(IllegalStateException.class, () -> subscription.replay(deadLetters.list().getFirst()));

        DeadLetter kept = deadLetters.find(record.eventId()).orElseThrow();
        assertEquals(6, kept.attempts());
        assertEquals("IllegalStateException: the thing is still broken", kept.lastError());
        assertEquals(0, effects());
    }

    @Test
    void aReplayAfterTheCauseIsFixedAppliesTheEventOnceAndRemovesTheDeadLetter() {
        OutboxRecord record = record(ThingHappened.of(7));
        deadLetters.setAside(record, 5, new IllegalStateException("broken"));
        DeadLetter letter = deadLetters.list().getFirst();
        broken.set(false);

        assertTrue(subscription.replay(letter), "applied now");
        assertFalse(subscription.replay(letter), "a second replay finds it applied");

        assertEquals(1, effects());
        assertEquals(0, deadLetters.count());
    }

    @Test
    void replayingAnEventThatWasAppliedAfterAllHasNoSecondEffectAndRemovesTheDeadLetter() {
        ThingHappened event = ThingHappened.of(8);
        broken.set(false);
        subscription.handleOnce(record(event));
        deadLetters.setAside(record(event), 5, new IllegalStateException("a copy failed"));

        assertFalse(subscription.replay(deadLetters.list().getFirst()));

        assertEquals(1, effects());
        assertEquals(0, deadLetters.count());
    }

    @Test
    void replayingAnEventThatANewerEventOfItsThingSupersededHasNoEffectAndRemovesTheDeadLetter() {
        ThingHappened older = ThingHappened.at(9, 1);
        ThingHappened newer = ThingHappened.at(9, 2);
        deadLetters.setAside(record(older), 5, new IllegalStateException("broken"));
        broken.set(false);
        assertTrue(subscription.handleOnce(record(newer)));

        assertFalse(subscription.replay(deadLetters.list().getFirst()), "superseded, not applied");

        assertEquals(1, effects(), "only the newer event's");
        assertEquals(0, deadLetters.count());
    }

    private void apply(ThingHappened event) {
        if (broken.get()) {
            throw new IllegalStateException("the thing is still broken");
        }
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO seen (event_id, thing_id) VALUES (?, ?)")) {
                insert.setString(1, event.eventId().toString());
                insert.setLong(2, event.thingId());
                return insert.executeUpdate();
            }
        });
    }

    private int effects() {
        return database.read(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery("SELECT COUNT(*) FROM seen")) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    private static OutboxRecord record(ThingHappened event) {
        return new OutboxRecord(1, event.eventId(), "publisher", "ThingHappened", event.aggregateId(),
                                EventCodec.encode(event), event.occurredAt(), 0);
    }
}
