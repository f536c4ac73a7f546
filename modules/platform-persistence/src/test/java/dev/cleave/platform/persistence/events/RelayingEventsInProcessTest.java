package dev.cleave.platform.persistence.events;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLTransactionRollbackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.DeadLetters;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventCodec;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox, relay and inbox on real databases (embedded H2), delivering in-process as the monolith does.
 */
class RelayingEventsInProcessTest {
    @TempDir
    Path dataDir;
    private ContextDatabase publisherDb;
    private ContextDatabase consumerDb;
    private Outbox outbox;
    private final InProcessTransport transport = new InProcessTransport();
    private final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void open() {
        publisherDb = database("publisher");
        consumerDb = database("consumer");
        outbox = Outbox.create(publisherDb, "publisher");
    }

    @AfterEach
    void close() {
        relays.forEach(OutboxRelay::close);
        publisherDb.close();
        consumerDb.close();
    }

    @Test
    void anEventCommittedWithItsChangeReachesTheSubscriberOnce() {
        subscribe(this::record);
        relays.add(OutboxRelay.start(outbox, transport));

        publishInTransaction(1);

        await(() -> seen() == 1);
        await(() -> outbox.backlog().outstanding() == 0);
    }

    @Test
    void anEventRolledBackWithItsChangeIsNeverDelivered() {
        subscribe(this::record);

        assertThrows(IllegalStateException.class, () -> publisherDb.inTransaction(connection -> {
            outbox.publish(ThingHappened.of(1));
            throw new IllegalStateException("the change failed");
        }));
        relays.add(OutboxRelay.start(outbox, transport));
        publishInTransaction(2);

        await(() -> seen() == 1);
        assertEquals(List.of(2L), seenThings());
    }

    @Test
    void aDeliveredEventDeliveredAgainHasNoSecondEffect() {
        subscribe(this::record);
        ThingHappened event = ThingHappened.of(3);
        OutboxRecord record = new OutboxRecord(1, event.eventId(), "publisher", "ThingHappened", 3,
                                               EventCodec.encode(event), event.occurredAt(), 0);

        transport.deliver("publisher", List.of(record));
        transport.deliver("publisher", List.of(record));

        assertEquals(1, seen());
    }

    @Test
    void anEventThatKeepsFailingIsSetAsideAfterFiveAttemptsWithGrowingPausesAndBlocksNothingElse() {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        subscribe(event -> {
            if (event.thingId() == 13) {
                attempts.add(System.nanoTime());
                throw new IllegalStateException("cannot handle thing 13");
            }
            record(event);
        });
        publishInTransaction(13);
        publishInTransaction(14);
        relays.add(OutboxRelay.start(outbox, transport));

        await(() -> deadLetters().count() == 1);
        await(() -> seen() == 1);
        assertEquals(Faults.MAX_POISON_ATTEMPTS, attempts.size());
        assertEquals(Faults.MAX_POISON_ATTEMPTS, deadLetters().list().getFirst().attempts());
        assertEquals("IllegalStateException: cannot handle thing 13", deadLetters().list().getFirst().lastError());
        assertEquals(List.of(14L), seenThings());
        await(() -> outbox.backlog().outstanding() == 0);
        // 100, 200, 400 and 800 ms, each with jitter in its upper half: at least 750 ms from the first to the last.
        Duration spread = Duration.ofNanos(attempts.getLast() - attempts.getFirst());
        assertTrue(spread.compareTo(Duration.ofMillis(700)) >= 0, "attempts within " + spread.toMillis() + " ms");
    }

    @Test
    void aPassingDatabaseFaultInAHandlerIsRetriedUncountedAndNeverSetsTheEventAside() {
        AtomicInteger failures = new AtomicInteger();
        subscribe(event -> {
            if (failures.getAndIncrement() < Faults.MAX_POISON_ATTEMPTS + 1) {
                // What PostgreSQL answers when a concurrent transaction got there first: a retry clears it.
                consumerDb.inTransaction(connection -> {
                    throw new SQLTransactionRollbackException("could not serialize access", "40001");
                });
            }
            record(event);
        });
        publishInTransaction(21);
        relays.add(OutboxRelay.start(outbox, transport));

        await(() -> seen() == 1);
        assertEquals(Faults.MAX_POISON_ATTEMPTS + 2, failures.get(), "tried until it was applied");
        assertEquals(0L, deadLetters().count());
        assertEquals(0, attemptsCounted(), "a passing fault counts no attempt");
        await(() -> outbox.backlog().outstanding() == 0);
    }

    @Test
    void aPassingFaultHoldsTheRowsBackUntouchedAndTheNextPassDeliversThem() {
        AtomicInteger failures = new AtomicInteger();
        subscribe(event -> {
            if (failures.getAndIncrement() == 0) {
                throw new UnavailableException("the consumer's database is away", Duration.ofSeconds(1), null);
            }
            record(event);
        });
        publishInTransaction(31);
        publishInTransaction(32);
        List<OutboxRecord> claimed = new ArrayList<>();

        Delivered first = outbox.relay(10, records -> {
            claimed.addAll(records);
            return transport.deliver("publisher", records);
        });

        assertTrue(first.heldBack(), "the relay is told to wait");
        assertEquals(List.of(), first.delivered());
        assertEquals(List.of(), first.failed(), "no attempt counted");
        assertEquals(2, claimed.size());
        outbox.relay(10, records -> transport.deliver("publisher", records));
        assertEquals(List.of(31L, 32L), seenThings());
        assertEquals(0, attemptsCounted());
    }

    @Test
    void aContextIsReadyWithItsFiguresAndDegradedOnceItSetAnEventAside() {
        subscribe(event -> {
            throw new IllegalStateException("cannot handle thing " + event.thingId());
        });
        relays.add(OutboxRelay.start(outbox, transport));
        // The consuming context's own relay: its readiness counts the dead letters in that context's database.
        OutboxRelay relay = OutboxRelay.start(Outbox.create(consumerDb, "consumer"), transport);
        relays.add(relay);
        HealthCheck check = relay.healthCheck();
        assertEquals(HealthCheckType.READINESS, check.type(), "the outbox is no reason to restart the process");
        assertEquals(HealthCheckResponse.Status.UP, check.call().status());
        assertEquals(0L, check.call().details().get("deadLetters"));
        assertEquals(false, check.call().details().get("degraded"));

        publishInTransaction(13);

        await(() -> Long.valueOf(1).equals(check.call().details().get("deadLetters")));
        assertEquals(HealthCheckResponse.Status.UP, check.call().status(), "a dead letter takes no replica out");
        assertEquals(true, check.call().details().get("degraded"));
        assertEquals(0L, check.call().details().get("outstanding"));
        await(() -> outbox.backlog().outstanding() == 0);
    }

    @Test
    void anEventThatCannotBeReadIsSetAsideAtOnceAndItsRowDelivered() {
        subscribe(this::record);
        OutboxRecord unreadable = new OutboxRecord(7, UUID.randomUUID(), "publisher", "ThingHappened", 9,
                                                   "{\"thingId\": \"not a number\"}", Instant.now(), 0);

        Delivered outcome = transport.deliver("publisher", List.of(unreadable));

        assertEquals(List.of(7L), outcome.delivered(), "settled for this subscriber");
        assertEquals(1, deadLetters().find(unreadable.eventId()).orElseThrow().attempts());
        assertEquals(0, seen());
    }

    @Test
    void aRelayWhoseDatabaseIsGoneIsNotReadyAndItsCheckThrowsNothing() {
        OutboxRelay relay = OutboxRelay.start(outbox, transport);
        relays.add(relay);
        HealthCheck check = relay.healthCheck();

        publisherDb.close();

        await(() -> check.call().status() == HealthCheckResponse.Status.DOWN);
        assertTrue(check.call().details().isEmpty(), "no figures it could not count: " + check.call().details());
    }

    @Test
    void twoRelaysOnOneOutboxDeliverEachEventOnce() {
        AtomicInteger handled = new AtomicInteger();
        subscribe(event -> {
            handled.incrementAndGet();
            record(event);
        });
        for (int i = 0; i < 300; i++) {
            publishInTransaction(100 + i);
        }
        relays.add(OutboxRelay.start(outbox, transport));
        relays.add(OutboxRelay.start(Outbox.create(publisherDb, "publisher"), transport));

        await(() -> outbox.backlog().outstanding() == 0);
        assertEquals(300, seen());
        assertEquals(300, handled.get(), "no event handled twice");
    }

    @Test
    void anEventRetriedAfterTheNewerEventsOfItsThingChangesNothingAndTheThingEndsAtTheNewest() {
        List<ThingHappened> events = LongStream.rangeClosed(1, 5).mapToObj(v -> ThingHappened.at(50, v)).toList();
        AtomicBoolean failed = new AtomicBoolean();
        subscribe(event -> {
            if (event.version() == 3 && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("v3 cannot be handled this time");
            }
            record(event);
            project(event);
        });
        publisherDb.inTransaction(connection -> {
            events.forEach(outbox::publish);
            return null;
        });

        // One batch: v3 fails and waits for its next attempt while v4 and v5 go on.
        relays.add(OutboxRelay.start(outbox, transport));

        await(() -> outbox.backlog().outstanding() == 0);
        assertTrue(failed.get(), "v3 failed once");
        assertEquals(5L, projectedVersion(50));
        assertEquals(4, seen(), "v1, v2, v4 and v5 had their effect once; v3 none, v5 carries it");
        assertEquals(0L, deadLetters().count());
    }

    private void publishInTransaction(long thingId) {
        publisherDb.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO things (id) VALUES (?)")) {
                insert.setLong(1, thingId);
                insert.executeUpdate();
            }
            outbox.publish(ThingHappened.of(thingId));
            return null;
        });
    }

    private void subscribe(Consumer<ThingHappened> handler) {
        transport.subscribe(List.of(new Subscription<>(JdbcInbox.of(consumerDb, "consumer"), "publisher",
                                                       ThingHappened.class, handler)));
    }

    // Runs inside the consumer's inbox transaction, as a real handler's writes would.
    private void record(ThingHappened event) {
        consumerDb.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO seen (event_id, thing_id) VALUES (?, ?)")) {
                insert.setString(1, event.eventId().toString());
                insert.setLong(2, event.thingId());
                return insert.executeUpdate();
            }
        });
    }

    // The consumer's projection: the thing's state as the event tells it, over whatever was there.
    private void project(ThingHappened event) {
        consumerDb.inTransaction(connection -> {
            ThingStates.replace(connection, event);
            return null;
        });
    }

    private long projectedVersion(long thingId) {
        return consumerDb.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version FROM thing_states WHERE thing_id = ?")) {
                select.setLong(1, thingId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    private DeadLetters deadLetters() {
        return JdbcInbox.of(consumerDb, "consumer").deadLetters();
    }

    private int attemptsCounted() {
        return publisherDb.read(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery("SELECT SUM(attempts) FROM outbox")) {
                row.next();
                return row.getInt(1);
            }
        });
    }

    private int seen() {
        return seenThings().size();
    }

    private List<Long> seenThings() {
        return consumerDb.read(connection -> {
            List<Long> things = new ArrayList<>();
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT thing_id FROM seen ORDER BY 1")) {
                while (rows.next()) {
                    things.add(rows.getLong(1));
                }
            }
            return things;
        });
    }

    private ContextDatabase database(String name) {
        return ContextDatabase.open(Config.empty(), dataDir, name, name, RelayingEventsInProcessTest.class);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 20 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
