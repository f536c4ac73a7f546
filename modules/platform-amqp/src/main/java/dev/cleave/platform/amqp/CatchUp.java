package dev.cleave.platform.amqp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Delivery;
import dev.cleave.platform.spi.Backoff;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.Subscription;

/**
 * Brings a new subscriber queue up to date with the events its publisher sent before the queue existed: those no
 * queue took, kept in the publisher's {@code unrouted} stream ({@link Topology#declarePublisher}). Runs once the
 * queue is bound and before it is consumed, so what the queue holds is applied after what came before it.
 *
 * <p>To know where "before the queue existed" ends, the catch-up sends a marker through the publisher's exchange
 * with a routing key no queue binds: the marker lands in the stream after every event that found no queue before
 * the binding. The stream is read from its start up to the marker, and a moment past it for an event that raced
 * the binding; each event of a subscribed type is applied through the inbox, so one the queue also holds, or one
 * a cut-short catch-up applied before, has no second effect. Failures follow the queue's consumer's rules
 * ({@link EventConsumer}): a passing fault is retried without limit while the connection lasts, and an event that
 * cannot be read, or keeps failing otherwise, is set aside in the consumer's own dead letters.
 */
final class CatchUp {
    private static final System.Logger LOGGER = System.getLogger(CatchUp.class.getName());
    private static final String MARKER_KEY = "cleave.catch-up-marker";
    private static final String MARKER_HEADER = "cleave-catch-up-marker";
    private static final int PREFETCH = 500;
    // Past the marker: long enough for an event routed a moment before the binding to reach the stream.
    private static final Duration PAST_MARKER = Duration.ofMillis(200);
    // A week of a busy publisher's events takes a while to read; only a stream that stops delivering is a failure.
    private static final Duration STALL = Duration.ofSeconds(30);
    private static final long CONFIRM_TIMEOUT_MS = 5_000;
    private static final Duration STOP_CHECK = Duration.ofMillis(100);

    private final Connection connection;
    private final Topology topology;
    private final QueueSubscription queue;
    private final AmqpSettings settings;
    private final BooleanSupplier stopping;

    /**
     * @param stopping whether the transport is being stopped: the catch-up then gives up between two events, and
     *                 is done again on the next start (its marker queue stays)
     */
    CatchUp(Connection connection, Topology topology, QueueSubscription queue, AmqpSettings settings,
            BooleanSupplier stopping) {
        this.connection = connection;
        this.stopping = stopping;
        this.topology = topology;
        this.queue = queue;
        this.settings = settings;
    }

    /**
     * Applies the stream's events of the queue's types, up to the marker.
     *
     * @return how many events had their effect now
     * @throws IOException if the broker failed, or the stream stalled before the marker came back
     */
    int run() throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.confirmSelect();
            String marker = UUID.randomUUID().toString();
            channel.basicPublish(topology.exchange(queue.publisher()), MARKER_KEY, false,
                                 new AMQP.BasicProperties.Builder()
                                         .deliveryMode(2)
                                         .headers(Map.of(MARKER_HEADER, marker))
                                         .build(),
                                 new byte[0]);
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);

            BlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
            channel.basicQos(PREFETCH);
            String tag = channel.basicConsume(topology.unrouted(queue.publisher()), false,
                                              Map.of("x-stream-offset", "first"),
                                              (consumerTag, delivery) -> deliveries.add(delivery),
                                              consumerTag -> { });
            int applied = readUpTo(marker, channel, deliveries);
            channel.basicCancel(tag);
            if (applied > 0) {
                LOGGER.log(Level.INFO, queue.name() + ": caught up on " + applied + " events sent before the queue"
                                       + " existed");
            }
            return applied;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while catching up " + queue.name(), e);
        } catch (TimeoutException e) {
            throw new IOException("the broker confirmed nothing within " + CONFIRM_TIMEOUT_MS + " ms while catching up "
                                  + queue.name(), e);
        } finally {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOGGER.log(Level.DEBUG, "closing the catch-up channel failed", e);
            }
        }
    }

    private int readUpTo(String marker, Channel channel, BlockingQueue<Delivery> deliveries)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + STALL.toNanos();
        boolean markerSeen = false;
        int applied = 0;
        while (true) {
            long left = deadline - System.nanoTime();
            if (markerSeen && left <= 0) {
                // Later events keep arriving in a busy stream; they came after the queue was bound.
                return applied;
            }
            if (stopping.getAsBoolean()) {
                throw new IOException("stopped while catching up " + queue.name() + "; the next start catches up");
            }
            // In slices, so a stop is noticed soon even while the stream is slow.
            Delivery delivery = deliveries.poll(Math.max(0, Math.min(left, STOP_CHECK.toNanos())),
                                                TimeUnit.NANOSECONDS);
            if (delivery == null && System.nanoTime() - deadline < 0) {
                continue;
            }
            if (delivery == null) {
                if (markerSeen) {
                    return applied;
                }
                throw new IOException(queue.name() + ": " + topology.unrouted(queue.publisher()) + " delivered nothing"
                                      + " for " + STALL.toSeconds() + " s before the catch-up marker came back");
            }
            if (marker.equals(header(delivery.getProperties(), MARKER_HEADER))) {
                markerSeen = true;
                deadline = System.nanoTime() + PAST_MARKER.toNanos();
            } else {
                if (!markerSeen) {
                    deadline = System.nanoTime() + STALL.toNanos();
                }
                if (apply(channel, delivery)) {
                    applied++;
                }
            }
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }
    }

    /** Applies one event of the stream if the queue subscribes to its type; whether it had its effect now. */
    private boolean apply(Channel channel, Delivery delivery) throws IOException, InterruptedException,
                                                                    TimeoutException {
        AMQP.BasicProperties properties = delivery.getProperties();
        Subscription<?> subscription = queue.byType().get(EventConsumer.type(properties, delivery.getEnvelope()));
        if (subscription == null) {
            return false;
        }
        Subscription.Received<?> event;
        try {
            event = subscription.read(EventConsumer.record(queue.publisher(), properties, delivery.getBody(),
                                                           subscription.typeName(), 0));
        } catch (IllegalArgumentException e) {
            deadLetter(channel, delivery, subscription, 1, "cannot be read (" + e.getMessage() + ")", e);
            return false;
        }
        // The queue's consumer's rules: passing faults retried without limit and uncounted, poison a few times.
        Backoff passing = Backoff.from(settings.redeliveryDelay());
        Backoff poison = Backoff.from(settings.redeliveryDelay());
        int attempt = 0;
        while (true) {
            try {
                return event.handleOnce();
            } catch (RuntimeException e) {
                Duration pause;
                if (Faults.isPassing(e)) {
                    pause = passing.next();
                    LOGGER.log(Level.WARNING, queue.name() + ": catching up on " + properties.getType() + " "
                                              + properties.getMessageId() + " met a passing fault ("
                                              + Faults.reason(e) + "); retrying in " + pause.toMillis() + " ms");
                } else if (++attempt >= settings.maxAttempts()) {
                    deadLetter(channel, delivery, subscription, attempt, "failed " + attempt + " times", e);
                    return false;
                } else {
                    pause = poison.next();
                }
                if (!Backoff.sleep(pause, () -> connection.isOpen() && !stopping.getAsBoolean())) {
                    if (stopping.getAsBoolean()) {
                        throw new IOException("stopped while catching up " + queue.name());
                    }
                    if (Thread.interrupted()) {
                        throw new InterruptedException("stopped while catching up " + queue.name());
                    }
                    throw new IOException("the connection closed while catching up " + queue.name());
                }
            }
        }
    }

    /**
     * Sets an event aside in the consumer's own dead letters, as the queue's consumer would; an event without a
     * usable id, or one that cannot be kept there, goes to the queue's dead-letter queue at the broker instead.
     */
    private void deadLetter(Channel channel, Delivery delivery, Subscription<?> subscription, int attempts,
                            String why, RuntimeException failure)
            throws IOException, InterruptedException, TimeoutException {
        AMQP.BasicProperties properties = delivery.getProperties();
        try {
            subscription.inbox().deadLetters().setAside(
                    EventConsumer.record(queue.publisher(), properties, delivery.getBody(), subscription.typeName(), 0),
                    attempts, failure);
            LOGGER.log(Level.ERROR, queue.name() + ": catching up on " + properties.getType() + " "
                                    + properties.getMessageId() + ", which " + why + "; set aside as a dead letter",
                       failure);
            return;
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        String deadLetterQueue = topology.deadLetterQueue(queue.name());
        LOGGER.log(Level.ERROR, queue.name() + ": catching up on " + properties.getType() + " "
                                + properties.getMessageId() + ", which " + why
                                + "; moved to the dead-letter queue " + deadLetterQueue, failure);
        // The dead-letter exchange routes by the source queue's name, as the broker's own dead-lettering does.
        channel.basicPublish(topology.deadLetterExchange(), queue.name(), false, properties, delivery.getBody());
        channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
    }

    private static Object header(AMQP.BasicProperties properties, String name) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(name);
        return value == null ? null : value.toString();
    }
}
