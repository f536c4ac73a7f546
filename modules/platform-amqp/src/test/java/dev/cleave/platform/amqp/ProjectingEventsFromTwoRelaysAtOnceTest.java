package dev.cleave.platform.amqp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.persistence.events.OutboxRelay;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.cleave.platform.amqp.BrokerFixture.PUBLISHER;
import static dev.cleave.platform.amqp.BrokerFixture.ready;
import static dev.cleave.platform.amqp.BrokerFixture.row;
import static dev.cleave.platform.testing.Eventually.await;
import static dev.cleave.platform.testing.Eventually.awaitEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One publisher's outbox relayed by two relays at once through the real RabbitMQ to a consumer's projection: the
 * relays' batches reach the broker in any order, messages are redelivered, one fails in the middle of a batch, and
 * each parcel's projected state still ends at its highest version, no event having an effect twice.
 */
class ProjectingEventsFromTwoRelaysAtOnceTest extends BrokerAndConsumerTest {
    private ContextDatabase publisherDb;
    private Outbox outbox;
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final Set<UUID> failOnce = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void openThePublisher() {
        publisherDb = ContextDatabase.open(Config.empty(), dataDir, PUBLISHER, PUBLISHER, getClass());
        outbox = Outbox.create(publisherDb, PUBLISHER);
        EventTransport consuming = broker.transport();
        consuming.subscribe(List.of(consumer.projected(failOnce)));
        await("the consumer connected", () -> ready(consuming));
    }

    @AfterEach
    void closeThePublisher() {
        relays.forEach(OutboxRelay::close);
        publisherDb.close();
    }

    @Test
    void olderEventsARelayPublishesAfterTheOtherRelaysNewerOnesChangeNothing() {
        long parcel = 7;
        List<ParcelShipped> events = LongStream.rangeClosed(1, 6).mapToObj(v -> ParcelShipped.at(parcel, v)).toList();
        HeldTransport slow = new HeldTransport(broker.transport());
        relays.add(OutboxRelay.start(outbox, slow));
        publishTogether(events.subList(0, 3));
        // The first relay claimed v1 to v3 and stalls before the broker has them (a long GC pause, a slow link).
        await("the first relay holding its batch", slow::holding);

        relays.add(OutboxRelay.start(Outbox.create(publisherDb, PUBLISHER), broker.transport()));
        // v5 fails once in the middle of the second relay's events: retried in its lane, before v6.
        failOnce.add(events.get(4).eventId());
        publishTogether(events.subList(3, 6));
        awaitEquals("the projection at v6", 6L, () -> consumer.projectedVersion(parcel));
        slow.release();
        events.subList(0, 3).forEach(late -> awaitEquals("v" + late.version() + " seen", 1,
                                                          () -> consumer.inboxRows(late)));
        assertEquals(6L, consumer.projectedVersion(parcel), "the late events changed nothing");

        // The relays stopped before they marked the rows delivered: every event is sent again, newest first, and
        // then a newer event of the parcel, in one lane with them, so once it applied they were all handled.
        List<OutboxRecord> again = new ArrayList<>();
        events.reversed().forEach(event -> again.add(row(again.size() + 1, event)));
        ParcelShipped v7 = ParcelShipped.at(parcel, 7);
        again.add(row(again.size() + 1, v7));
        EventTransport redelivering = broker.transport();
        await("the redelivering publisher connected", () -> ready(redelivering));
        assertEquals(List.of(), redelivering.deliver(PUBLISHER, again).failed());
        awaitEquals("the projection at v7", 7L, () -> consumer.projectedVersion(parcel));

        events.subList(0, 3).forEach(late -> assertEquals(0, consumer.effects(late), "effects of the late v"
                                                                                     + late.version()));
        events.subList(3, 6).forEach(event -> assertEquals(1, consumer.effects(event), "effects of v"
                                                                                       + event.version()));
        assertEquals(1, consumer.failures(events.get(4)), "v5 failed once");
        assertEquals(0L, consumer.deadLetters());
    }

    @Test
    void manyParcelsEventsFromTwoRelaysAtOnceThenRedeliveredShuffledEndAtEachParcelsNewestVersion() throws Exception {
        int parcels = 12;
        int versions = 40;
        relays.add(OutboxRelay.start(outbox, broker.transport()));
        relays.add(OutboxRelay.start(Outbox.create(publisherDb, PUBLISHER), broker.transport()));
        // Three writers, each publishing its parcels' events version by version in small transactions, while both
        // relays claim and send whatever is committed: one parcel's events travel in either relay's batches.
        List<ParcelShipped> published = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writing = new ArrayList<>();
            for (int writer = 0; writer < 3; writer++) {
                int first = writer;
                writing.add(writers.submit(() -> {
                    for (long v = 1; v <= versions; v++) {
                        List<ParcelShipped> batch = new ArrayList<>();
                        for (long parcel = first; parcel < parcels; parcel += 3) {
                            batch.add(ParcelShipped.at(parcel, v));
                        }
                        publishTogether(batch);
                        published.addAll(batch);
                    }
                }));
            }
            for (Future<?> done : writing) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        for (long parcel = 0; parcel < parcels; parcel++) {
            long of = parcel;
            awaitEquals("parcel " + parcel + " at its newest version", (long) versions,
                        () -> consumer.projectedVersion(of));
        }

        awaitEquals("rows left in the outbox", 0L, this::outstanding);

        // Every event delivered again, shuffled, after the consumer's inbox forgot them (its records are purged after
        // 8 days, and a broker may keep a copy longer); then a newer event of each parcel behind them in its lane.
        consumer.purgeInbox();
        List<ParcelShipped> shuffled = new ArrayList<>(published);
        Collections.shuffle(shuffled, new Random(7));
        List<OutboxRecord> again = new ArrayList<>();
        shuffled.forEach(event -> again.add(row(again.size() + 1, event)));
        IntStream.range(0, parcels).forEach(parcel -> again.add(row(again.size() + 1,
                                                                    ParcelShipped.at(parcel, versions + 1))));
        EventTransport redelivering = broker.transport();
        await("the redelivering publisher connected", () -> ready(redelivering));
        assertEquals(List.of(), redelivering.deliver(PUBLISHER, again).failed());
        for (long parcel = 0; parcel < parcels; parcel++) {
            long of = parcel;
            awaitEquals("parcel " + parcel + " at the newer version", versions + 1L,
                        () -> consumer.projectedVersion(of));
        }

        published.forEach(event -> assertTrue(consumer.effects(event) <= 1, "effects of " + event));
        assertTrue(consumer.eventsWithEffect() >= parcels * 2, "each parcel's newest two at least");
        published.forEach(event -> assertEquals(1, consumer.inboxRows(event), "seen once: " + event));
        assertEquals(0L, consumer.deadLetters());
    }

    // Rows not yet confirmed by the broker: once none are, every relayed message is in the consumer's queue.
    private long outstanding() {
        return publisherDb.read(connection -> {
            try (var select = connection.prepareStatement("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL");
                 var row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private void publishTogether(List<ParcelShipped> events) {
        publisherDb.inTransaction(connection -> {
            events.forEach(outbox::publish);
            return null;
        });
    }

    /** A transport that holds its first batch, unconfirmed, until released, then delivers as the real one does. */
    private static final class HeldTransport implements EventTransport {
        private final EventTransport real;
        private final CountDownLatch holding = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        HeldTransport(EventTransport real) {
            this.real = real;
        }

        boolean holding() {
            return holding.getCount() == 0;
        }

        void release() {
            released.countDown();
        }

        @Override
        public Delivered deliver(String publisher, List<OutboxRecord> records) {
            if (holding.getCount() > 0) {
                holding.countDown();
                try {
                    if (!released.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return real.deliver(publisher, records);
        }

        @Override
        public String describe() {
            return "held " + real.describe();
        }

        @Override
        public void subscribe(List<Subscription<?>> subscriptions) {
            real.subscribe(subscriptions);
        }

        @Override
        public List<HealthCheck> healthChecks() {
            return real.healthChecks();
        }

        @Override
        public void close() {
            released.countDown();
            real.close();
        }
    }
}
