package dev.cleave.platform.amqp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import dev.cleave.platform.spi.CatchUps;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.Subscription;

/**
 * Brings a consumer up to date with the history of every type it subscribes to from one publisher and has not read
 * yet: a new consuming service, or a type newly added to its queue. The publisher's stream keeps every event it sent
 * ({@link Topology#declarePublisher}); which types a consumer has read it for is recorded in its own database
 * ({@link CatchUps}), only once the whole history was read, so a catch-up cut short by a crash is done again on the
 * next start. A type the consumer no longer subscribes to is forgotten there, so subscribing again reads it again;
 * so is every type of a queue the broker does not have (a new broker, a deleted queue), whose events nothing kept.
 *
 * <p>Runs once the queue is declared and bound to every subscribed type, and before it is consumed: every event sent
 * from the binding on is in the queue, every event before it in the stream. To know where "before" ends, the
 * catch-up sends a marker through the publisher's exchange with a routing key no queue binds: the marker lands in the
 * stream after every event routed before the binding. The stream is read from what it got {@link Topology#READ_BACK}
 * ago (not from its first event: it drops whole segments, so older events linger) up to the marker, and a
 * moment past it for an event that raced the binding; each event of a type being caught up on is applied through the
 * inbox, so one the queue also holds, or one a cut-short catch-up applied before, has no second effect. Failures
 * follow the queue's consumer's rules ({@link EventConsumer}): a passing fault is retried without limit while the
 * connection lasts, and an event that cannot be read, or keeps failing otherwise, is set aside in the consumer's own
 * dead letters.
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
     *                 is done again on the next start (it is recorded as done only once it finished)
     */
    CatchUp(Connection connection, Topology topology, QueueSubscription queue, AmqpSettings settings,
            BooleanSupplier stopping) {
        this.connection = connection;
        this.stopping = stopping;
        this.topology = topology;
        this.queue = queue;
        this.settings = settings;
    }

    /** What one catch-up read, for the log. */
    private static final class Tally {
        int read;
        int ofTheTypes;
        int applied;
    }

    /** Forgets every type the queue's consumer read the history of, so that the next catch-up reads them all. */
    static void forgetWhatWasRead(QueueSubscription queue) {
        CatchUps catchUps = queue.inbox().catchUps();
        Set<String> done = catchUps.caughtUpOn(queue.publisher());
        if (!done.isEmpty()) {
            LOGGER.log(Level.INFO, queue.name() + ": the broker has no such queue (a new broker, or the queue was"
                                   + " deleted); the history of " + String.join(", ", new TreeSet<>(done))
                                   + " will be read again");
            catchUps.forget(queue.publisher(), done);
        }
    }

    /**
     * Applies the stream's events, up to the marker, of the subscribed types the consumer has not caught up on, and
     * records them as caught up on; with none such, reads nothing.
     *
     * @return how many events had their effect now
     * @throws IOException if the broker failed, or the stream stalled before the marker came back
     */
    int run() throws IOException {
        CatchUps catchUps = queue.inbox().catchUps();
        Set<String> done = catchUps.caughtUpOn(queue.publisher());
        Set<String> unsubscribed = new TreeSet<>(done);
        unsubscribed.removeAll(queue.byType().keySet());
        if (!unsubscribed.isEmpty()) {
            catchUps.forget(queue.publisher(), unsubscribed);
        }
        Map<String, Subscription<?>> pending = new TreeMap<>(queue.byType());
        pending.keySet().removeAll(done);
        if (pending.isEmpty()) {
            return 0;
        }
        String stream = topology.stream(queue.publisher());
        LOGGER.log(Level.INFO, queue.name() + ": catching up on the history of " + String.join(", ", pending.keySet())
                               + " in " + stream + " (every event of the last " + Topology.READ_BACK.toDays()
                               + " days)");
        Tally tally = read(stream, pending);
        catchUps.record(queue.publisher(), pending.keySet());
        LOGGER.log(Level.INFO, queue.name() + ": caught up on " + String.join(", ", pending.keySet()) + ": read "
                               + tally.read + " events of " + stream + ", " + tally.ofTheTypes + " of these types, "
                               + tally.applied + " applied now (the others were applied before or set aside)");
        return tally.applied;
    }

    private Tally read(String stream, Map<String, Subscription<?>> pending) throws IOException {
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
            // From what the stream got within READ_BACK, not its first event: the stream drops whole segments, so
            // older events may linger there after their inbox records were purged.
            Date since = Date.from(Instant.now().minus(Topology.READ_BACK));
            String tag = channel.basicConsume(stream, false, Map.of("x-stream-offset", since),
                                              (consumerTag, delivery) -> deliveries.add(delivery),
                                              consumerTag -> { });
            Tally tally = readUpTo(marker, pending, channel, deliveries);
            channel.basicCancel(tag);
            return tally;
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

    private Tally readUpTo(String marker, Map<String, Subscription<?>> pending, Channel channel,
                           BlockingQueue<Delivery> deliveries)
            throws IOException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + STALL.toNanos();
        boolean markerSeen = false;
        Tally tally = new Tally();
        while (true) {
            long left = deadline - System.nanoTime();
            if (markerSeen && left <= 0) {
                // Later events keep arriving in a busy stream; they came after the queue was bound.
                return tally;
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
                    return tally;
                }
                throw new IOException(queue.name() + ": " + topology.stream(queue.publisher()) + " delivered nothing"
                                      + " for " + STALL.toSeconds() + " s before the catch-up marker came back");
            }
            Object markerIn = header(delivery.getProperties(), MARKER_HEADER);
            if (marker.equals(markerIn)) {
                markerSeen = true;
                deadline = System.nanoTime() + PAST_MARKER.toNanos();
            } else {
                if (!markerSeen) {
                    deadline = System.nanoTime() + STALL.toNanos();
                }
                // Another catch-up's marker is no event.
                if (markerIn == null) {
                    tally.read++;
                    if (apply(channel, delivery, pending, tally)) {
                        tally.applied++;
                    }
                }
            }
            channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        }
    }

    /** Applies one event of the stream if its type is being caught up on; whether it had its effect now. */
    private boolean apply(Channel channel, Delivery delivery, Map<String, Subscription<?>> pending, Tally tally)
            throws IOException, InterruptedException, TimeoutException {
        AMQP.BasicProperties properties = delivery.getProperties();
        Subscription<?> subscription = pending.get(EventConsumer.type(properties, delivery.getEnvelope()));
        if (subscription == null) {
            return false;
        }
        tally.ofTheTypes++;
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
