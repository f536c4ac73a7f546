package dev.cleave.platform.persistence.events;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.EventCodec;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.Inbox;
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
 * A consumer's inbox never lets an older event of an aggregate overwrite the effect of a newer one: events arrive in
 * any order (reordered, redelivered, retried after a failure in the middle of a batch, applied by two transactions at
 * once) and the consumer's projection ends at the state of the highest version, each event having its effect at most
 * once. The handler here is as naive as a state-carrying event allows: it writes the state the event tells.
 *
 * <p>The cases; {@link ApplyingEventsInAnyOrderOnH2Test} and {@link ApplyingEventsInAnyOrderOnPostgresTest} run them
 * on each database a context may use.
 */
abstract class AbstractApplyingEventsInAnyOrderTest {
    private static final long THING = 42;

    private ContextDatabase database;
    private Subscription<ThingHappened> subscription;
    // Work the handler does before its effect, for the events a test names: fail once, or wait.
    private final Map<UUID, Runnable> before = new ConcurrentHashMap<>();

    /** Opens the consuming context's database, empty, with its migrations ({@code db-consumer}) and the platform's. */
    abstract ContextDatabase openEmpty();

    @BeforeEach
    void open() {
        database = openEmpty();
        subscription = new Subscription<>(JdbcInbox.of(database, "consumer"), "publisher", ThingHappened.class,
                                          this::project);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anOlderEventArrivingAfterANewerOneChangesNothing() {
        ThingHappened v3 = ThingHappened.at(THING, 3);
        ThingHappened v4 = ThingHappened.at(THING, 4);

        assertTrue(handle(v4));
        assertFalse(handle(v3), "v3 arrived after v4");
        assertFalse(handle(v3), "v3 redelivered");

        assertEquals(Optional.of(v4.eventId()), state(THING));
        assertEquals(0, effects(v3));
        assertEquals(1, inboxRows(v3), "recorded as seen, so it is not tried again");
    }

    @Test
    void aRedeliveredEventHasNoSecondEffectEvenAfterItsInboxRecordWasPurged() {
        ThingHappened v4 = ThingHappened.at(THING, 4);
        assertTrue(handle(v4));

        assertFalse(handle(v4), "redelivered");
        // A week later the relay purges inbox records; the broker may still hold a copy (a stream, a stuck queue).
        Outbox.create(database, "consumer").purge(Instant.now(), Instant.now().plusSeconds(1));
        assertEquals(0, inboxRows(v4));
        assertFalse(handle(v4), "redelivered after the purge");

        assertEquals(1, effects(v4));
        assertEquals(Optional.of(v4.eventId()), state(THING));
    }

    @Test
    void anOlderEventArrivingFirstIsAppliedAndTheNewerOneAfterIt() {
        ThingHappened v3 = ThingHappened.at(THING, 3);
        ThingHappened v4 = ThingHappened.at(THING, 4);

        assertTrue(handle(v3));
        assertTrue(handle(v4));

        assertEquals(Optional.of(v4.eventId()), state(THING));
        assertEquals(1, effects(v3));
        assertEquals(1, effects(v4));
    }

    @Test
    void theAggregatesOfDifferentPublishersAreKeptApart() {
        Subscription<ThingHappened> other = new Subscription<>(subscription.inbox(), "another publisher",
                                                               ThingHappened.class, this::project);
        ThingHappened newer = ThingHappened.at(THING, 9);
        ThingHappened olderOfAnotherPublisher = ThingHappened.at(THING + 1, 2);
        ThingHappened sameIdOfAnotherPublisher = ThingHappened.at(THING, 2);

        assertTrue(handle(newer));
        assertTrue(other.handleOnce(record(olderOfAnotherPublisher)));

        assertTrue(other.handleOnce(record(sameIdOfAnotherPublisher)),
                   "another publisher's aggregate " + THING + " is another aggregate");
    }

    @Test
    void aBatchThatFailsInTheMiddleAndIsAppliedAgainOneByOneAppliesEachEventOnceAndEndsAtTheNewest() {
        List<ThingHappened> batch = versions(1, 5);
        failOnce(batch.get(2));

        assertThrows(IllegalStateException.class, () -> inOneTransaction(batch));
        assertEquals(Optional.empty(), state(THING), "the whole batch rolled back");

        // As the RabbitMQ consumer does: each event of the batch alone, in order, the failed one retried in place.
        batch.forEach(event -> assertTrue(handle(event), "v" + event.version()));
        inOneTransaction(batch);

        assertEquals(Optional.of(batch.getLast().eventId()), state(THING));
        batch.forEach(event -> assertEquals(1, effects(event), "effects of v" + event.version()));
    }

    @Test
    void anEventRetriedAfterTheNewerEventsOfItsBatchChangesNothingAndTheAggregateEndsAtTheNewest() {
        List<ThingHappened> batch = versions(1, 5);
        ThingHappened v3 = batch.get(2);
        failOnce(v3);

        // As the in-process relay does: each row in a transaction of its own, the failed one retried after a pause
        // while the rows behind it go on.
        for (ThingHappened event : batch) {
            if (event == v3) {
                assertThrows(IllegalStateException.class, () -> handle(v3));
            } else {
                assertTrue(handle(event), "v" + event.version());
            }
        }
        assertFalse(handle(v3), "v3 retried after v5");
        inOneTransaction(batch);

        assertEquals(Optional.of(batch.getLast().eventId()), state(THING));
        assertEquals(0, effects(v3), "superseded by v4 and v5, which carry its effect");
        assertEquals(1, inboxRows(v3));
        batch.stream().filter(event -> event != v3)
                .forEach(event -> assertEquals(1, effects(event), "effects of v" + event.version()));
    }

    @Test
    void anOlderFirstEventAppliedWhileANewerOneCommitsChangesNothing() throws Exception {
        ThingHappened v1 = ThingHappened.at(THING, 1);
        ThingHappened v2 = ThingHappened.at(THING, 2);

        race(v2, v1);

        assertEquals(Optional.of(v2.eventId()), state(THING));
        assertEquals(0, effects(v1));
        assertEquals(1, effects(v2));
    }

    @Test
    void aNewerFirstEventAppliedWhileAnOlderOneCommitsIsAppliedAfterIt() throws Exception {
        ThingHappened v1 = ThingHappened.at(THING, 1);
        ThingHappened v2 = ThingHappened.at(THING, 2);

        race(v1, v2);

        assertEquals(Optional.of(v2.eventId()), state(THING));
        assertEquals(1, effects(v1));
        assertEquals(1, effects(v2));
    }

    /**
     * Applies {@code first} and, while its transaction is still open (its effect written, not committed),
     * {@code second}, in another transaction: two consumers of one database (replicas, or two lanes) meeting on an
     * aggregate they have never seen. Each is retried after a passing fault, as every transport does.
     */
    private void race(ThingHappened first, ThingHappened second) throws Exception {
        CountDownLatch firstWritten = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        before.put(first.eventId(), () -> {
            firstWritten.countDown();
            await(secondStarted);
            // Long enough for the second to reach the aggregate's row and wait for, or trip over, this transaction.
            pause(Duration.ofMillis(300));
        });
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> one = threads.submit(() -> handleRetryingPassingFaults(first));
            await(firstWritten);
            Future<Boolean> two = threads.submit(() -> {
                secondStarted.countDown();
                return handleRetryingPassingFaults(second);
            });
            one.get(30, TimeUnit.SECONDS);
            two.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
    }

    private boolean handleRetryingPassingFaults(ThingHappened event) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return handle(event);
            } catch (RuntimeException e) {
                if (!Faults.isPassing(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(Duration.ofMillis(50));
            }
        }
    }

    private boolean handle(ThingHappened event) {
        return subscription.handleOnce(record(event));
    }

    // As a transport applies a batch: one transaction of the inbox, which each event's joins.
    private void inOneTransaction(List<ThingHappened> batch) {
        Inbox inbox = subscription.inbox();
        inbox.inTransaction(() -> {
            batch.forEach(this::handle);
            return null;
        });
    }

    private void failOnce(ThingHappened event) {
        before.put(event.eventId(), () -> {
            before.remove(event.eventId());
            throw new IllegalStateException("v" + event.version() + " cannot be handled this time");
        });
    }

    // The projection: the state the event tells, written over whatever was there, and a note that it had an effect.
    private void project(ThingHappened event) {
        Runnable first = before.get(event.eventId());
        database.inTransaction(connection -> {
            ThingStates.replace(connection, event);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO seen (event_id, thing_id) VALUES (?, ?)")) {
                insert.setString(1, event.eventId().toString());
                insert.setLong(2, event.thingId());
                insert.executeUpdate();
            }
            if (first != null) {
                first.run();
            }
            return null;
        });
    }

    private Optional<UUID> state(long thingId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_id FROM thing_states WHERE thing_id = ?")) {
                select.setLong(1, thingId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(UUID.fromString(row.getString(1))) : Optional.empty();
                }
            }
        });
    }

    private int effects(ThingHappened event) {
        return count("SELECT COUNT(*) FROM seen WHERE event_id = ?", event.eventId());
    }

    private int inboxRows(ThingHappened event) {
        return count("SELECT COUNT(*) FROM inbox WHERE event_id = ?", event.eventId());
    }

    private int count(String sql, UUID eventId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, eventId.toString());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    private static List<ThingHappened> versions(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(v -> ThingHappened.at(THING, v)).toList();
    }

    private static OutboxRecord record(ThingHappened event) {
        return new OutboxRecord(1, event.eventId(), "publisher", "ThingHappened", event.aggregateId(),
                                EventCodec.encode(event), event.occurredAt(), 0);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError("not reached within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
