package dev.cleave.platform.amqp;

import java.time.Duration;
import java.util.List;

import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.EventTransport.TransportUnavailableException;
import dev.cleave.platform.testing.Eventually;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.cleave.platform.amqp.BrokerFixture.PUBLISHER;
import static dev.cleave.platform.amqp.BrokerFixture.readiness;
import static dev.cleave.platform.amqp.BrokerFixture.ready;
import static dev.cleave.platform.amqp.BrokerFixture.row;
import static dev.cleave.platform.testing.Eventually.await;
import static dev.cleave.platform.testing.Eventually.awaitEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker away at start, arriving later, and going away while connected: the transport starts regardless, says
 * at once that it cannot deliver, reports itself unready, and (re)connects and consumes by itself.
 */
class LosingTheBrokerTest extends BrokerAndConsumerTest {
    private BrokerProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = BrokerProxy.closed();
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void withTheBrokerUnreachableTheTransportStartsDeliverFailsFastAndReadinessIsDown() {
        long starting = System.nanoTime();
        EventTransport transport = broker.transport(proxy.url());
        transport.subscribe(List.of(consumer.shipped()));
        assertTrue(elapsed(starting).compareTo(Duration.ofSeconds(1)) < 0, "starting took " + elapsed(starting));

        long delivering = System.nanoTime();
        assertThrows(TransportUnavailableException.class,
                     () -> transport.deliver(PUBLISHER, List.of(row(1, ParcelShipped.of(1)))));
        assertTrue(elapsed(delivering).compareTo(Duration.ofMillis(500)) < 0, "failing took " + elapsed(delivering));

        HealthCheck check = transport.healthChecks().getFirst();
        assertEquals(HealthCheckType.READINESS, check.type());
        Eventually.sleep(Duration.ofMillis(300));
        assertEquals(HealthCheckResponse.Status.DOWN, readiness(transport).status());
    }

    @Test
    void whenTheBrokerBecomesReachableTheTransportConnectsByItselfAndEventsFlow() {
        EventTransport transport = broker.transport(proxy.url());
        transport.subscribe(List.of(consumer.shipped()));
        ParcelShipped event = ParcelShipped.of(1);
        assertThrows(TransportUnavailableException.class, () -> transport.deliver(PUBLISHER, List.of(row(1, event))));

        proxy.open();

        await("the transport connected", () -> ready(transport));
        Delivered outcome = transport.deliver(PUBLISHER, List.of(row(1, event)));
        assertEquals(List.of(1L), outcome.delivered());
        awaitEquals("effects of the event", 1, () -> consumer.effects(event));
    }

    @Test
    void afterLosingTheConnectionTheTransportReconnectsAndConsumesAgain() {
        proxy.open();
        EventTransport transport = broker.transport(proxy.url());
        transport.subscribe(List.of(consumer.shipped()));
        await("connected", () -> ready(transport));
        ParcelShipped before = ParcelShipped.of(1);
        transport.deliver(PUBLISHER, List.of(row(1, before)));
        awaitEquals("effects before the loss", 1, () -> consumer.effects(before));

        proxy.cut();

        // What the relay does: try again while the transport says the broker is unavailable.
        ParcelShipped after = ParcelShipped.of(2);
        await("delivered after reconnecting", () -> {
            try {
                return transport.deliver(PUBLISHER, List.of(row(2, after))).delivered().equals(List.of(2L));
            } catch (TransportUnavailableException e) {
                return false;
            }
        });
        awaitEquals("effects after the loss", 1, () -> consumer.effects(after));
        assertTrue(proxy.connections() >= 2, "connections made: " + proxy.connections());
        assertTrue(ready(transport));
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
