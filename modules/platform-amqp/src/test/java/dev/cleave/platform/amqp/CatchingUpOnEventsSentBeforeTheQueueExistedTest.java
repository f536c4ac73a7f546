package dev.cleave.platform.amqp;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import org.junit.jupiter.api.Test;

import static dev.cleave.platform.amqp.BrokerFixture.PUBLISHER;
import static dev.cleave.platform.amqp.BrokerFixture.ready;
import static dev.cleave.platform.amqp.BrokerFixture.row;
import static dev.cleave.platform.testing.Eventually.await;
import static dev.cleave.platform.testing.Eventually.awaitEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Events a publisher sent while no subscriber queue existed yet (a new broker, a consuming service started for the
 * first time) are kept by the broker and applied, once each, when the subscriber's queue is made.
 */
class CatchingUpOnEventsSentBeforeTheQueueExistedTest extends BrokerAndConsumerTest {
    @Test
    void eventsSentBeforeTheSubscriberFirstStartedAreAppliedOnceWhenItStarts() {
        List<ParcelShipped> before = IntStream.range(0, 300).mapToObj(ParcelShipped::of).toList();
        EventTransport publisher = broker.transport();
        await("the publisher connected", () -> ready(publisher));
        List<OutboxRecord> rows = IntStream.range(0, before.size()).mapToObj(i -> row(i + 1, before.get(i))).toList();
        // No queue is bound yet, and still every event is confirmed: the broker kept it.
        assertEquals(rows.stream().map(OutboxRecord::id).toList(), publisher.deliver(PUBLISHER, rows).delivered());
        assertFalse(broker.exists(broker.queue(ConsumerFixture.NAME)));

        EventTransport subscriber = broker.transport();
        subscriber.subscribe(List.of(consumer.shipped()));

        awaitEquals("events with an effect", before.size(), consumer::eventsWithEffect);
        before.forEach(event -> assertEquals(1, consumer.effects(event), "effects of " + event));
        await("the subscriber is ready", () -> ready(subscriber));
        assertEquals(Set.of("ParcelShipped"), consumer.caughtUpOn(), "recorded once caught up");

        ParcelShipped after = ParcelShipped.of(1_000);
        publisher.deliver(PUBLISHER, List.of(row(301, after)));
        awaitEquals("effects of an event sent once the queue existed", 1, () -> consumer.effects(after));
        assertEquals(before.size() + 1, consumer.eventsWithEffect());
    }

    @Test
    void aCatchUpCutShortByACrashIsDoneAgainOnTheNextStart() {
        List<ParcelShipped> before = IntStream.range(0, 50).mapToObj(ParcelShipped::of).toList();
        EventTransport publisher = broker.transport();
        await("the publisher connected", () -> ready(publisher));
        publisher.deliver(PUBLISHER, IntStream.range(0, before.size()).mapToObj(i -> row(i + 1, before.get(i)))
                .toList());
        // The subscriber made its queue, then died before it had caught up: the queue exists, no catch-up is recorded.
        broker.catchUpCutShort(ConsumerFixture.NAME, List.of("ParcelShipped"));

        EventTransport subscriber = broker.transport();
        subscriber.subscribe(List.of(consumer.shipped()));

        awaitEquals("events with an effect", before.size(), consumer::eventsWithEffect);
        await("the subscriber is ready", () -> ready(subscriber));
        assertEquals(Set.of("ParcelShipped"), consumer.caughtUpOn());
    }

    @Test
    void anEventThatKeepsFailingDuringTheCatchUpIsSetAsideInTheConsumersDeadLettersAndTheOthersAreApplied() {
        ParcelLost poison = ParcelLost.of(7);
        ParcelShipped good = ParcelShipped.of(8);
        EventTransport publisher = broker.transport();
        await("the publisher connected", () -> ready(publisher));
        publisher.deliver(PUBLISHER, List.of(row(1, poison), row(2, good)));

        EventTransport subscriber = broker.transport();
        subscriber.subscribe(List.of(consumer.shipped(), consumer.lost()));

        awaitEquals("effects of the good event", 1, () -> consumer.effects(good));
        awaitEquals("dead letters", 1L, consumer::deadLetters);
        assertEquals(5, consumer.failures(poison), "attempts before it was set aside");
        assertEquals(0L, broker.messages(broker.deadLetterQueue(ConsumerFixture.NAME)), "at the broker");
        assertEquals(0, consumer.inboxRows(poison));
    }
}
