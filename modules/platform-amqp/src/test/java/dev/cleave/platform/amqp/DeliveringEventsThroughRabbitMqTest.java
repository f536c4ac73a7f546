package dev.cleave.platform.amqp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.cleave.platform.spi.DeadLetter;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventCodec;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import org.junit.jupiter.api.Test;

import static dev.cleave.platform.amqp.BrokerFixture.PUBLISHER;
import static dev.cleave.platform.amqp.BrokerFixture.readiness;
import static dev.cleave.platform.amqp.BrokerFixture.ready;
import static dev.cleave.platform.amqp.BrokerFixture.row;
import static dev.cleave.platform.testing.Eventually.await;
import static dev.cleave.platform.testing.Eventually.awaitEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events from a publisher's outbox through the real RabbitMQ to a consuming context with a real database: confirmed
 * before {@code deliver} returns, applied once each, and set aside when they cannot be handled.
 */
class DeliveringEventsThroughRabbitMqTest extends BrokerAndConsumerTest {
    @Test
    void aBatchIsConfirmedBeforeDeliverReturnsAndEveryEventIsHandledOnce() {
        // The consumer declares its queue, then is away while the publisher sends.
        EventTransport away = broker.transport();
        away.subscribe(List.of(consumer.shipped()));
        await("the consumer connected", () -> ready(away));
        away.close();

        EventTransport publisher = broker.transport();
        await("the publisher connected", () -> ready(publisher));
        List<ParcelShipped> events = IntStream.range(0, 500).mapToObj(ParcelShipped::of).toList();
        String queue = broker.queue(ConsumerFixture.NAME);
        for (int from = 0; from < events.size(); from += 200) {
            List<OutboxRecord> batch = IntStream.range(from, Math.min(from + 200, events.size()))
                    .mapToObj(i -> row(i + 1, events.get(i)))
                    .toList();
            Delivered outcome = publisher.deliver(PUBLISHER, batch);

            assertEquals(batch.stream().map(OutboxRecord::id).toList(), outcome.delivered());
            assertEquals(List.of(), outcome.failed());
            // Confirmed means enqueued in the durable queue: every row reported delivered is there already.
            assertEquals(from + batch.size(), broker.messages(queue));
        }

        EventTransport back = broker.transport();
        back.subscribe(List.of(consumer.shipped()));

        awaitEquals("events with an effect", events.size(), consumer::eventsWithEffect);
        awaitEquals("messages left in " + queue, 0L, () -> broker.messages(queue));
        events.forEach(event -> assertEquals(1, consumer.effects(event), "effects of " + event));
        assertEquals(1, consumer.inboxRows(events.getFirst()));
    }

    @Test
    void aRedeliveredDuplicateHasNoSecondEffect() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shipped()));
        await("connected", () -> ready(transport));
        // One parcel: its events are applied in order, so once the next one had its effect the duplicate was handled.
        ParcelShipped event = ParcelShipped.of(1);
        ParcelShipped next = ParcelShipped.of(1);

        transport.deliver(PUBLISHER, List.of(row(1, event)));
        awaitEquals("effects of the event", 1, () -> consumer.effects(event));
        // The relay stopped before it marked the row delivered, so it sends the same event again, and then the next.
        Delivered again = transport.deliver(PUBLISHER, List.of(row(1, event), row(2, next)));

        assertEquals(List.of(1L, 2L), again.delivered());
        awaitEquals("effects of the next event", 1, () -> consumer.effects(next));
        assertEquals(1, consumer.effects(event));
        assertEquals(1, consumer.inboxRows(event));
        awaitEquals("messages left", 0L, () -> broker.messages(broker.queue(ConsumerFixture.NAME)));
    }

    @Test
    void theEventsOfOneAggregateAreAppliedInTheOrderTheyWerePublished() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shipped()));
        await("connected", () -> ready(transport));
        // Two parcels' events interleaved: lanes apply them side by side, but each parcel's in order.
        List<ParcelShipped> events = IntStream.range(0, 200).mapToObj(i -> ParcelShipped.of(i % 2)).toList();

        transport.deliver(PUBLISHER, IntStream.range(0, events.size()).mapToObj(i -> row(i + 1, events.get(i)))
                .toList());

        awaitEquals("events with an effect", events.size(), consumer::eventsWithEffect);
        for (long parcel = 0; parcel < 2; parcel++) {
            long of = parcel;
            List<UUID> published = events.stream().filter(event -> event.aggregateId() == of)
                    .map(ParcelShipped::eventId).toList();
            List<UUID> applied = consumer.applied().stream().filter(published::contains).toList();
            assertTrue(published.equals(applied), "parcel " + parcel + "'s events were applied out of order");
        }
    }

    @Test
    void anEventThatKeepsFailingIsSetAsideInTheConsumersDeadLettersAndLaterEventsStillFlow() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shipped(), consumer.lost()));
        await("connected", () -> ready(transport));
        ParcelLost poison = ParcelLost.of(7);
        List<ParcelShipped> later = List.of(ParcelShipped.of(8), ParcelShipped.of(9), ParcelShipped.of(10));

        transport.deliver(PUBLISHER, List.of(row(1, poison), row(2, later.get(0)), row(3, later.get(1)),
                                             row(4, later.get(2))));

        later.forEach(event -> awaitEquals("effects of " + event, 1, () -> consumer.effects(event)));
        awaitEquals("dead letters", 1L, consumer::deadLetters);
        assertEquals(5, consumer.failures(poison), "attempts before it was set aside");
        assertEquals(0, consumer.inboxRows(poison));
        DeadLetter letter = consumer.deadLetter(poison).orElseThrow();
        assertEquals(5, letter.attempts());
        assertEquals("IllegalStateException: the parcel cannot be found", letter.lastError());
        assertEquals("ParcelLost", letter.type());
        assertEquals(PUBLISHER, letter.publisher());
        awaitEquals("messages left", 0L, () -> broker.messages(broker.queue(ConsumerFixture.NAME)));
        assertEquals(0L, broker.messages(broker.deadLetterQueue(ConsumerFixture.NAME)), "at the broker");

        ParcelShipped afterwards = ParcelShipped.of(11);
        transport.deliver(PUBLISHER, List.of(row(5, afterwards)));
        awaitEquals("effects of a later event", 1, () -> consumer.effects(afterwards));
        assertEquals(5, consumer.failures(poison), "a dead letter is not retried");
    }

    @Test
    void aPassingFaultIsRetriedInItsLaneUncountedUntilTheEventAppliesAndNothingIsDeadLettered() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shippedAfterPassingFaults(8)));
        await("connected", () -> ready(transport));
        ParcelShipped event = ParcelShipped.of(1);

        transport.deliver(PUBLISHER, List.of(row(1, event)));

        awaitEquals("effects of the event", 1, () -> consumer.effects(event));
        assertEquals(9, consumer.failures(event), "eight passing faults, then applied");
        assertEquals(0L, consumer.deadLetters());
        assertEquals(0L, broker.messages(broker.deadLetterQueue(ConsumerFixture.NAME)), "dead letters");
        awaitEquals("messages left", 0L, () -> broker.messages(broker.queue(ConsumerFixture.NAME)));
    }

    @Test
    void aConsumerRetryingAfterAPassingFaultStopsAtOnceAndLeavesTheMessageQueued() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shippedAfterPassingFaults(Integer.MAX_VALUE)));
        await("connected", () -> ready(transport));
        ParcelShipped event = ParcelShipped.of(1);
        transport.deliver(PUBLISHER, List.of(row(1, event)));
        // Past the first pauses, so the lane waits the longer ones between its tries.
        await("several tries", () -> consumer.failures(event) >= 8);

        long stopping = System.nanoTime();
        transport.close();
        Duration stopped = Duration.ofNanos(System.nanoTime() - stopping);

        assertTrue(stopped.compareTo(Duration.ofSeconds(3)) < 0, "stopping took " + stopped.toMillis() + " ms");
        assertEquals(0, consumer.effects(event));
        assertEquals(0L, consumer.deadLetters());
        assertEquals(0L, broker.messages(broker.deadLetterQueue(ConsumerFixture.NAME)), "dead letters");
        awaitEquals("the message back in its queue", 1L, () -> broker.messages(broker.queue(ConsumerFixture.NAME)));
    }

    @Test
    void aBatchWithOneFailingEventStillAppliesTheOthersAndSetsAsideOnlyTheFailingOne() {
        // All of one parcel, so one lane; queued before the consumer starts, so the lane takes them as one batch.
        EventTransport away = broker.transport();
        away.subscribe(List.of(consumer.shipped(), consumer.lost()));
        await("the consumer connected", () -> ready(away));
        away.close();
        List<ParcelShipped> good = IntStream.range(0, 40).mapToObj(i -> ParcelShipped.of(5)).toList();
        ParcelLost poison = ParcelLost.of(5);
        List<OutboxRecord> rows = new ArrayList<>();
        good.subList(0, 20).forEach(event -> rows.add(row(rows.size() + 1, event)));
        rows.add(row(rows.size() + 1, poison));
        good.subList(20, 40).forEach(event -> rows.add(row(rows.size() + 1, event)));
        EventTransport publisher = broker.transport();
        await("the publisher connected", () -> ready(publisher));
        assertEquals(List.of(), publisher.deliver(PUBLISHER, rows).failed());

        EventTransport back = broker.transport();
        back.subscribe(List.of(consumer.shipped(), consumer.lost()));

        awaitEquals("events with an effect", good.size(), consumer::eventsWithEffect);
        awaitEquals("dead letters", 1L, consumer::deadLetters);
        good.forEach(event -> assertEquals(1, consumer.effects(event), "effects of " + event));
        assertEquals(good.stream().map(ParcelShipped::eventId).toList(), consumer.applied(),
                     "the parcel's events in the order they were published");
        assertEquals(0, consumer.inboxRows(poison));
        assertTrue(consumer.failures(poison) >= 5, "attempts before it was set aside: " + consumer.failures(poison));
        awaitEquals("messages left", 0L, () -> broker.messages(broker.queue(ConsumerFixture.NAME)));
    }

    @Test
    void anEventFromANewerPublisherWithAPropertyThisConsumerDoesNotKnowIsAppliedOnceNotSetAside() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shipped()));
        await("connected", () -> ready(transport));
        // A newer publisher deployed first: its ParcelShipped carries a property today's record does not have.
        ParcelShipped newer = ParcelShipped.of(4);
        OutboxRecord fromNewer = new OutboxRecord(1, newer.eventId(), PUBLISHER, "ParcelShipped", 4,
                                                  "{\"carrier\":\"a newer publisher's\","
                                                  + EventCodec.encode(newer).substring(1), newer.occurredAt(), 0);
        // The same parcel, so the same lane: once this one had its effect, the newer one was handled before it.
        ParcelShipped next = ParcelShipped.of(4);

        transport.deliver(PUBLISHER, List.of(fromNewer, row(2, next)));

        awaitEquals("effects of the next event", 1, () -> consumer.effects(next));
        assertEquals(1, consumer.effects(newer), "effects of the newer publisher's event");
        assertEquals(1, consumer.inboxRows(newer));
        assertEquals(0L, consumer.deadLetters(), "dead letters");
        assertEquals(0L, readiness(transport).details().get("deadLetters"));
    }

    @Test
    void anEventThatCannotBeReadIsSetAsideAtOnce() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shipped()));
        await("connected", () -> ready(transport));
        OutboxRecord unreadable = new OutboxRecord(1, UUID.randomUUID(), PUBLISHER, "ParcelShipped", 3,
                                                   "{\"parcel\": \"not what a ParcelShipped holds\"}", Instant.now(), 0);
        ParcelShipped readable = ParcelShipped.of(4);

        transport.deliver(PUBLISHER, List.of(unreadable, row(2, readable)));

        awaitEquals("effects of the readable event", 1, () -> consumer.effects(readable));
        awaitEquals("dead letters", 1L, consumer::deadLetters);
        assertEquals(1, consumer.eventsWithEffect());
        assertEquals(1, consumer.deadLetter(unreadable.eventId()).orElseThrow().attempts(),
                     "set aside at its first delivery");
        awaitEquals("messages left", 0L, () -> broker.messages(broker.queue(ConsumerFixture.NAME)));
        assertEquals(0L, broker.messages(broker.deadLetterQueue(ConsumerFixture.NAME)), "at the broker");
    }
}
