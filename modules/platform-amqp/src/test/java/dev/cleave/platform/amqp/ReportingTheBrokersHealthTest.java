package dev.cleave.platform.amqp;

import java.time.Duration;
import java.util.List;

import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.testing.Eventually;
import io.helidon.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import static dev.cleave.platform.amqp.BrokerFixture.PUBLISHER;
import static dev.cleave.platform.amqp.BrokerFixture.readiness;
import static dev.cleave.platform.amqp.BrokerFixture.ready;
import static dev.cleave.platform.amqp.BrokerFixture.row;
import static dev.cleave.platform.testing.Eventually.await;
import static dev.cleave.platform.testing.Eventually.awaitEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The broker's readiness check as the public port shows it: its status and figures, never the broker's address,
 * the namespace or a queue's name, nor why a connection failed (the log says that).
 */
class ReportingTheBrokersHealthTest extends BrokerAndConsumerTest {

    @Test
    void anUnreachableBrokerIsDownWithoutItsAddressOrWhyItCannotBeReached() {
        try (BrokerProxy proxy = BrokerProxy.closed()) {
            EventTransport transport = broker.transport(proxy.url());
            Eventually.sleep(Duration.ofMillis(300));

            HealthCheckResponse response = readiness(transport);

            assertEquals(HealthCheckResponse.Status.DOWN, response.status());
            assertShowsNoNameNorAddress(response, proxy.url());
        }
    }

    @Test
    void aBrokerWithDeadLettersCountsThemWithoutNamingTheirQueues() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shipped(), consumer.lost()));
        await("connected", () -> ready(transport));

        // What only the broker's safety net holds (a consumer's own dead letters are in its database).
        broker.deadLetterAtTheBroker(ConsumerFixture.NAME);
        awaitEquals("dead letters", 1L, () -> broker.messages(broker.deadLetterQueue(ConsumerFixture.NAME)));
        HealthCheckResponse response = readiness(transport);

        assertEquals(1L, response.details().get("deadLetters"));
        assertShowsNoNameNorAddress(response, BrokerFixture.BROKER_URL);
    }

    private void assertShowsNoNameNorAddress(HealthCheckResponse response, String url) {
        String shown = response.details().toString();
        for (String secret : List.of(url, "amqp://", "127.0.0.1", broker.namespace, broker.queue(ConsumerFixture.NAME),
                                     "Exception", "refused")) {
            assertFalse(shown.contains(secret), "the broker's health shows " + secret + ": " + shown);
        }
    }
}
