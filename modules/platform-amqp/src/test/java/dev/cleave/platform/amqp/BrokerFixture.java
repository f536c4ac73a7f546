package dev.cleave.platform.amqp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.spi.EventCodec;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;

/**
 * The real RabbitMQ on 127.0.0.1:5672, under a namespace of the test's own. Creates transports the way the launcher
 * does (through the provider, from a {@code cleave.events} configuration), looks into queues with a connection of
 * its own, and on close stops the transports and deletes every exchange and queue the namespace got.
 */
final class BrokerFixture implements AutoCloseable {
    static final int BROKER_PORT = 5672;
    static final String BROKER_URL = "amqp://guest:guest@127.0.0.1:" + BROKER_PORT + "/";
    static final String PUBLISHER = "parcels";

    static {
        // The test events are public records in this (test-patched, not exported) package: let Jackson read them.
        Module self = BrokerFixture.class.getModule();
        ModuleLayer.boot().findModule("com.fasterxml.jackson.databind")
                .ifPresent(jackson -> self.addOpens(BrokerFixture.class.getPackageName(), jackson));
    }

    final String namespace = "cleave-test-" + UUID.randomUUID();
    final Topology topology = new Topology(namespace);
    private final Connection admin;
    private final List<EventTransport> transports = new ArrayList<>();
    private final Set<String> consumers = new LinkedHashSet<>();

    BrokerFixture() {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(BROKER_PORT);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try {
            admin = factory.newConnection("cleave test admin");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("the tests need RabbitMQ at 127.0.0.1:5672 (guest/guest)", e);
        }
    }

    /** A transport to the real broker. */
    EventTransport transport() {
        return transport(BROKER_URL);
    }

    /** A transport to a broker at {@code url}, retrying quickly while it is unreachable. */
    EventTransport transport(String url) {
        Config events = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of(
                        "namespace", namespace,
                        "amqp.url", url,
                        "amqp.reconnect-delay", "PT0.05S",
                        "amqp.max-reconnect-delay", "PT0.2S",
                        "amqp.redelivery-delay", "PT0.01S")))
                .build();
        EventTransport transport = new AmqpTransportProvider().create(events);
        transports.add(transport);
        return transport;
    }

    /** Remembers a consumer whose queues from {@link #PUBLISHER} this fixture deletes at the end. */
    void consumer(String consumer) {
        consumers.add(consumer);
    }

    String queue(String consumer) {
        return topology.queue(consumer, PUBLISHER);
    }

    String deadLetterQueue(String consumer) {
        return topology.deadLetterQueue(queue(consumer));
    }

    /**
     * Leaves the broker as a subscriber that crashed during its first catch-up would: its queue declared and bound;
     * its database holds no record of the catch-up.
     */
    void catchUpCutShort(String consumer, Collection<String> types) {
        withChannel(channel -> {
            topology.declareSubscriber(channel, consumer, PUBLISHER, types, 5);
            return null;
        });
    }

    /**
     * Declares the publisher's exchange and stream as releases before every event was kept did: the stream is only
     * the exchange's alternate exchange, so it keeps what no queue takes.
     */
    void publisherDeclaredByAnEarlierRelease() {
        withChannel(channel -> {
            String stream = topology.stream(PUBLISHER);
            channel.exchangeDeclare(stream, BuiltinExchangeType.FANOUT, true);
            channel.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream",
                                                                    "x-max-age", Topology.KEEP_HISTORY));
            channel.queueBind(stream, stream, "");
            channel.exchangeDeclare(topology.exchange(PUBLISHER), BuiltinExchangeType.TOPIC, true, false,
                                    Map.of("alternate-exchange", stream));
            return null;
        });
    }

    /** Sends events to the publisher's exchange as a publisher that declares nothing, and waits for the confirms. */
    void publishWithoutDeclaring(List<? extends DomainEvent> events) {
        withChannel(channel -> {
            channel.confirmSelect();
            for (DomainEvent event : events) {
                channel.basicPublish(topology.exchange(PUBLISHER), event.getClass().getSimpleName(), false,
                                     new AMQP.BasicProperties.Builder()
                                             .deliveryMode(2)
                                             .messageId(event.eventId().toString())
                                             .type(event.getClass().getSimpleName())
                                             .headers(Map.of(ConfirmedPublisher.AGGREGATE_HEADER, event.aggregateId(),
                                                             ConfirmedPublisher.OCCURRED_HEADER,
                                                             event.occurredAt().toString()))
                                             .build(),
                                     EventCodec.encode(event).getBytes(StandardCharsets.UTF_8));
            }
            try {
                channel.waitForConfirmsOrDie(5_000);
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("the broker did not confirm the events", e);
            }
            return null;
        });
    }

    /** Deletes a consumer's queue, as a broker rebuilt from nothing would not have it. */
    void deleteQueue(String consumer) {
        withChannel(channel -> channel.queueDelete(queue(consumer)));
    }

    /** Ready messages in a queue. */
    /** Puts a message straight into a consumer's dead-letter queue, as the broker's delivery limit would. */
    void deadLetterAtTheBroker(String consumer) {
        withChannel(channel -> {
            channel.basicPublish("", deadLetterQueue(consumer), null, "{}".getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    long messages(String queue) {
        return withChannel(channel -> channel.messageCount(queue));
    }

    boolean exists(String queue) {
        try {
            messages(queue);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    static OutboxRecord row(long id, DomainEvent event) {
        return new OutboxRecord(id, event.eventId(), PUBLISHER, event.getClass().getSimpleName(), event.aggregateId(),
                                EventCodec.encode(event), event.occurredAt(), 0);
    }

    static HealthCheckResponse readiness(EventTransport transport) {
        HealthCheck check = transport.healthChecks().stream()
                .filter(candidate -> candidate.name().equals("event-broker"))
                .findFirst()
                .orElseThrow();
        return check.call();
    }

    static boolean ready(EventTransport transport) {
        return readiness(transport).status() == HealthCheckResponse.Status.UP;
    }

    @Override
    public void close() {
        transports.forEach(EventTransport::close);
        try {
            for (String consumer : consumers) {
                withChannel(channel -> channel.queueDelete(queue(consumer)));
                withChannel(channel -> channel.queueDelete(deadLetterQueue(consumer)));
            }
            withChannel(channel -> channel.exchangeDelete(topology.exchange(PUBLISHER)));
            withChannel(channel -> channel.queueDelete(topology.stream(PUBLISHER)));
            withChannel(channel -> channel.exchangeDelete(topology.stream(PUBLISHER)));
            withChannel(channel -> channel.exchangeDelete(topology.deadLetterExchange()));
        } finally {
            try {
                admin.close();
            } catch (IOException e) {
                // the broker went away; nothing left to clean
            }
        }
    }

    private <T> T withChannel(ChannelWork<T> work) {
        try (Channel channel = admin.createChannel()) {
            return work.run(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface ChannelWork<T> {
        T run(Channel channel) throws IOException;
    }
}
