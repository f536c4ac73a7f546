package dev.cleave.platform.amqp;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.Subscription;
import org.junit.jupiter.api.Test;

import static dev.cleave.platform.amqp.BrokerFixture.PUBLISHER;
import static dev.cleave.platform.amqp.BrokerFixture.ready;
import static dev.cleave.platform.amqp.BrokerFixture.row;
import static dev.cleave.platform.testing.Eventually.await;
import static dev.cleave.platform.testing.Eventually.awaitEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping the transport, as a service does on {@code SIGTERM}, in the middle of a long catch-up: it returns within
 * its bound instead of waiting for the catch-up to end, interrupts no handler (which may be inside JDBC), and the
 * catch-up it cut short is done again on the next start, with no event lost or applied twice.
 */
class StoppingTheTransportTest extends BrokerAndConsumerTest {
    private static final int EVENTS = 300;
    // The catch-up would take EVENTS times this, far longer than a stop may.
    private static final Duration HANDLING_TAKES = Duration.ofMillis(50);
    private static final Duration STOP_BOUND = Duration.ofSeconds(4);

    @Test
    void stoppingDuringACatchUpReturnsWithinTheBoundInterruptsNoHandlerAndTheNextStartCatchesUp() {
        List<ParcelShipped> before = IntStream.range(0, EVENTS).mapToObj(ParcelShipped::of).toList();
        EventTransport publisher = broker.transport();
        await("the publisher connected", () -> ready(publisher));
        publisher.deliver(PUBLISHER, IntStream.range(0, EVENTS).mapToObj(i -> row(i + 1, before.get(i))).toList());
        AtomicBoolean slow = new AtomicBoolean(true);
        AtomicBoolean interrupted = new AtomicBoolean();
        EventTransport subscriber = broker.transport();
        subscriber.subscribe(List.of(slowly(consumer.shipped(), slow, interrupted)));
        await("the catch-up under way", () -> consumer.eventsWithEffect() > 0);

        long started = System.nanoTime();
        subscriber.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(STOP_BOUND) < 0, "close took " + took.toMillis() + " ms");
        assertFalse(interrupted.get(), "a handler was interrupted");
        int appliedBeforeTheStop = consumer.eventsWithEffect();
        assertTrue(appliedBeforeTheStop < EVENTS, "the catch-up was cut short: " + appliedBeforeTheStop);
        assertFalse(consumer.caughtUpOn().contains("ParcelShipped"), "an unfinished catch-up is not recorded as done");

        slow.set(false);
        EventTransport restarted = broker.transport();
        restarted.subscribe(List.of(consumer.shipped()));
        awaitEquals("events with an effect after the restart", EVENTS, consumer::eventsWithEffect);
        before.forEach(event -> assertEquals(1, consumer.effects(event), "effects of " + event));
        await("the restarted subscriber is ready", () -> ready(restarted));
        assertEquals(Set.of("ParcelShipped"), consumer.caughtUpOn());
    }

    // Handles as the fixture does, after a pause while slow; notes an interrupt rather than hiding it.
    private static Subscription<ParcelShipped> slowly(Subscription<ParcelShipped> shipped, AtomicBoolean slow,
                                                      AtomicBoolean interrupted) {
        return new Subscription<>(shipped.inbox(), PUBLISHER, ParcelShipped.class, event -> {
            if (slow.get()) {
                try {
                    Thread.sleep(HANDLING_TAKES);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    Thread.currentThread().interrupt();
                }
            }
            shipped.handler().accept(event);
        });
    }
}
