package dev.cleave.platform.amqp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import dev.cleave.platform.testing.Eventually;
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
 * The broker keeps every event a publisher sent, whichever queues took it, so every subscriber reads the history it
 * missed: another service subscribing to a type a queue already receives, and a type newly added to an existing
 * queue. A catch-up is recorded in the consumer's database only once it has read the whole history, so one cut short
 * is done again; events sent while it runs are in the queue as well, and the inbox applies each event once.
 */
class CatchingUpOnTheHistoryOfEverySubscriptionTest extends BrokerAndConsumerTest {
    private final AtomicLong rowIds = new AtomicLong();
    private EventTransport publisher;
    private ConsumerFixture latecomer;

    @BeforeEach
    void startPublisherAndLatecomer() {
        publisher = broker.transport();
        latecomer = anotherConsumer(ConsumerFixture.LATECOMER);
    }

    @Test
    void aSecondServiceSubscribingToATypeAnotherQueueReceivesReadsItsWholeHistory() {
        running(consumer.shipped());
        List<ParcelShipped> history = shipped(0, 100);
        deliver(history);
        awaitEquals("events applied by the first consumer", history.size(), consumer::eventsWithEffect);

        EventTransport second = started(latecomer.shipped());

        awaitEquals("events applied by the second consumer", history.size(), latecomer::eventsWithEffect);
        history.forEach(event -> assertEquals(1, latecomer.effects(event), "effects of " + event));
        await("the second consumer is ready", () -> ready(second));
        assertEquals(Set.of("ParcelShipped"), latecomer.caughtUpOn());

        ParcelShipped after = ParcelShipped.of(1_000);
        deliver(List.of(after));
        awaitEquals("effects of a later event on the second consumer", 1, () -> latecomer.effects(after));
        awaitEquals("effects of a later event on the first consumer", 1, () -> consumer.effects(after));
        assertEquals(history.size() + 1, latecomer.eventsWithEffect());
        assertEquals(history.size() + 1, consumer.eventsWithEffect());
    }

    @Test
    void aTypeAddedToAnExistingConsumersSubscriptionsReadsTheHistoryOfThatType() {
        EventTransport before = running(consumer.shipped());
        // Another service takes the lost parcels all along, so no event of that type is left unrouted.
        running(latecomer.recording(ParcelLost.class));
        List<ParcelShipped> shipped = shipped(0, 20);
        List<ParcelLost> lost = IntStream.range(100, 110).mapToObj(ParcelLost::of).toList();
        List<DomainEvent> all = new ArrayList<>();
        for (int i = 0; i < shipped.size(); i++) {
            all.add(shipped.get(i));
            if (i < lost.size()) {
                all.add(lost.get(i));
            }
        }
        deliver(all);
        awaitEquals("shipped parcels applied", shipped.size(), consumer::eventsWithEffect);
        awaitEquals("lost parcels applied by the other service", lost.size(), latecomer::eventsWithEffect);
        assertEquals(Set.of("ParcelShipped"), consumer.caughtUpOn());

        // The consumer's next version subscribes to lost parcels as well.
        before.close();
        EventTransport after = started(consumer.shipped(), consumer.recording(ParcelLost.class));

        awaitEquals("events applied", all.size(), consumer::eventsWithEffect);
        all.forEach(event -> assertEquals(1, consumer.effects(event), "effects of " + event));
        await("the consumer is ready", () -> ready(after));
        assertEquals(Set.of("ParcelLost", "ParcelShipped"), consumer.caughtUpOn());
    }

    @Test
    void aCatchUpCutShortIsDoneAgainOnTheNextConnectionAndAppliesNothingTwice() {
        running(consumer.shipped());
        List<ParcelShipped> history = shipped(0, 40);
        deliver(history);
        awaitEquals("events applied by the first consumer", history.size(), consumer::eventsWithEffect);

        // The second service applies 15 events of the history, then its database goes away, and then so does its
        // connection to the broker.
        AtomicInteger healthyCalls = new AtomicInteger(15);
        AtomicBoolean healed = new AtomicBoolean();
        try (BrokerProxy proxy = BrokerProxy.closed()) {
            proxy.open();
            EventTransport second = broker.transport(proxy.url());
            second.subscribe(List.of(latecomer.shippedWhile(
                    () -> healed.get() || healthyCalls.getAndDecrement() > 0)));
            awaitEquals("events applied before the database went away", 15, latecomer::eventsWithEffect);
            proxy.cut();
            await("connected again", () -> proxy.connections() >= 2);
            assertEquals(Set.of(), latecomer.caughtUpOn(), "a catch-up cut short is not recorded");

            healed.set(true);

            awaitEquals("events applied once the database is back", history.size(), latecomer::eventsWithEffect);
            history.forEach(event -> assertEquals(1, latecomer.effects(event), "effects of " + event));
            await("the second consumer is ready", () -> ready(second));
            assertEquals(Set.of("ParcelShipped"), latecomer.caughtUpOn());
            second.close();
        }
    }

    @Test
    void eventsSentWhileACatchUpRunsAreAppliedOnceAndNoneIsLost() throws InterruptedException {
        running(consumer.shipped());
        List<ParcelShipped> history = shipped(0, 30);
        deliver(history);
        awaitEquals("events applied by the first consumer", history.size(), consumer::eventsWithEffect);

        // The second service's catch-up holds its first event until more events were sent.
        CountDownLatch catchingUp = new CountDownLatch(1);
        CountDownLatch sentMeanwhile = new CountDownLatch(1);
        Subscription<ParcelShipped> recording = latecomer.shipped();
        EventTransport second = started(new Subscription<>(
                recording.inbox(), PUBLISHER, ParcelShipped.class, event -> {
                    catchingUp.countDown();
                    try {
                        assertTrue(sentMeanwhile.await(10, TimeUnit.SECONDS), "the events sent meanwhile");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    recording.handler().accept(event);
                }));
        assertTrue(catchingUp.await(10, TimeUnit.SECONDS), "the catch-up started");
        List<ParcelShipped> meanwhile = shipped(100, 120);
        deliver(meanwhile);
        sentMeanwhile.countDown();

        int all = history.size() + meanwhile.size();
        awaitEquals("events applied by the second consumer", all, latecomer::eventsWithEffect);
        await("the second consumer is ready", () -> ready(second));
        String queue = broker.queue(ConsumerFixture.LATECOMER);
        awaitEquals("messages left in " + queue, 0L, () -> broker.messages(queue));
        // Past the queue's messages too, nothing is applied a second time.
        Eventually.sleep(Duration.ofMillis(300));
        assertEquals(all, latecomer.applied().size(), "effects in all");
        history.forEach(event -> assertEquals(1, latecomer.effects(event), "effects of " + event));
        meanwhile.forEach(event -> assertEquals(1, latecomer.effects(event), "effects of " + event));
    }

    @Test
    void aConsumerWhoseQueueTheBrokerNoLongerHasReadsTheHistoryOfEveryTypeAgain() {
        EventTransport before = running(consumer.shipped());
        assertEquals(Set.of("ParcelShipped"), consumer.caughtUpOn());
        before.close();
        // The broker lost the queue while the consumer was down (rebuilt, or the queue deleted): nothing but the
        // stream kept what was sent meanwhile.
        broker.deleteQueue(ConsumerFixture.NAME);
        List<ParcelShipped> meanwhile = shipped(0, 10);
        deliver(meanwhile);

        running(consumer.shipped());

        awaitEquals("events applied", meanwhile.size(), consumer::eventsWithEffect);
        meanwhile.forEach(event -> assertEquals(1, consumer.effects(event), "effects of " + event));
        assertEquals(Set.of("ParcelShipped"), consumer.caughtUpOn());
    }

    @Test
    void aStreamMadeByAnEarlierReleaseKeepsEveryEventFromTheFirstStartOnAndWhatWasUnroutedBefore() {
        broker.publisherDeclaredByAnEarlierRelease();
        // Sent before the upgrade, while no queue took them: the earlier release kept them too.
        List<ParcelShipped> unrouted = shipped(0, 3);
        broker.publishWithoutDeclaring(unrouted);

        running(consumer.shipped());
        awaitEquals("unrouted events caught up on", unrouted.size(), consumer::eventsWithEffect);
        List<ParcelShipped> routed = shipped(100, 110);
        deliver(routed);
        awaitEquals("events applied by the first consumer", unrouted.size() + routed.size(),
                    consumer::eventsWithEffect);

        started(latecomer.shipped());

        awaitEquals("events applied by the second consumer", unrouted.size() + routed.size(),
                    latecomer::eventsWithEffect);
        routed.forEach(event -> assertEquals(1, latecomer.effects(event), "effects of " + event));
        unrouted.forEach(event -> assertEquals(1, latecomer.effects(event), "effects of " + event));
    }

    /** A transport subscribing to these, once it has caught up and consumes its queues. */
    private EventTransport running(Subscription<?>... subscriptions) {
        EventTransport transport = started(subscriptions);
        await("the consumer is ready", () -> ready(transport));
        return transport;
    }

    /** A transport subscribing to these, as a consuming service starting. */
    private EventTransport started(Subscription<?>... subscriptions) {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(subscriptions));
        return transport;
    }

    private static List<ParcelShipped> shipped(int from, int to) {
        return IntStream.range(from, to).mapToObj(ParcelShipped::of).toList();
    }

    /** Delivers the events as the publisher's relay would, each confirmed. */
    private void deliver(List<? extends DomainEvent> events) {
        await("the publisher connected", () -> ready(publisher));
        List<OutboxRecord> rows = events.stream().map(event -> row(rowIds.incrementAndGet(), event)).toList();
        // Confirms may come in any order across routing keys: every row counts, not the order.
        assertEquals(rows.stream().map(OutboxRecord::id).collect(Collectors.toSet()),
                     Set.copyOf(publisher.deliver(PUBLISHER, rows).delivered()));
    }
}
