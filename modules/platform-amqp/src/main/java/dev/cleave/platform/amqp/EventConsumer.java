package dev.cleave.platform.amqp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.cleave.platform.spi.Backoff;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.Inbox;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import dev.cleave.platform.spi.TraceContext;

/**
 * Hands the messages of one queue to the consuming context's subscriptions. A message is acknowledged only after
 * the consumer's transaction (its effect and its inbox record) committed; a crash before that redelivers it, and
 * the inbox absorbs it.
 *
 * <p>Several lanes apply events side by side; all events of one aggregate take the same lane, in order. A lane
 * applies the messages waiting for it (up to {@value #MAX_BATCH}) in one transaction, each read once
 * ({@link Subscription#read}), so the database's commit rate bounds batches, not events. If that transaction
 * fails, the lane applies the batch's messages again one by one, each in its own transaction, so a failing message
 * is retried or set aside alone and the others are applied.
 *
 * <p>A message is never handed back to the queue for another attempt: the quorum queue would count each return
 * toward its delivery limit. The lane keeps it and tries again, with a growing pause and jitter: after a passing fault
 * ({@link Faults#isPassing}: the database or what the handler calls cannot answer) without limit and counting no
 * attempt, until it applies or the consumer stops; after any other failure (poison) up to
 * {@link AmqpSettings#maxAttempts()} attempts, counting those of earlier deliveries, and then it is set aside in the
 * consumer's own dead letters ({@link dev.cleave.platform.spi.DeadLetters}) and acknowledged, and logged. A message
 * that cannot be read as the subscribed event is set aside at once. The broker's dead-letter queue receives only
 * what cannot be kept there: a message without a usable event id, one whose setting aside fails, and (by the queue's
 * delivery limit) one handed back too often, as when it crashes the consumer's process every time.
 * Either way the messages of other lanes keep flowing, and those behind it in its lane follow once it is settled,
 * so one aggregate's events stay in order.
 */
final class EventConsumer extends DefaultConsumer {
    private static final System.Logger LOGGER = System.getLogger(EventConsumer.class.getName());
    /** Set by quorum queues on a redelivered message: how often it was handed back before. */
    static final String DELIVERY_COUNT = "x-delivery-count";
    /** The most messages a lane applies in one transaction. */
    static final int MAX_BATCH = 100;

    private final QueueSubscription queue;
    private final String deadLetterQueue;
    private final AmqpSettings settings;
    private final Runnable onLost;
    private final LongAdder redelivered;
    private final List<Lane> lanes;
    private volatile boolean stopped;

    /**
     * @param onLost called when the broker stops this consumer on its own (its queue deleted, a channel error), so
     *               the session can be rebuilt
     * @param redelivered counts the messages the broker hands out again (after a crash or a lost channel); it
     *               outlives this consumer, so the count goes on across reconnections
     */
    EventConsumer(Channel channel, QueueSubscription queue, String deadLetterQueue, AmqpSettings settings,
                  Runnable onLost, LongAdder redelivered) {
        super(channel);
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.settings = settings;
        this.onLost = onLost;
        this.redelivered = redelivered;
        this.lanes = IntStream.range(0, settings.lanes())
                .mapToObj(lane -> new Lane(Executors.newSingleThreadExecutor(
                        Thread.ofVirtual().name(queue.name() + "-lane-" + lane).factory())))
                .toList();
    }

    /** Stops the lanes; what they have not started is delivered again on the next channel. */
    void stop() {
        // No interrupts: an interrupted JDBC call can damage an embedded database. Queued work sees the channel
        // closed and leaves the message to be delivered again; a lane waiting to retry notices within its slice.
        stopped = true;
        lanes.forEach(lane -> lane.executor.shutdown());
    }

    /**
     * Waits for the lanes to finish what they are doing after {@link #stop()}, at most {@code within}.
     *
     * @return whether every lane finished
     */
    boolean awaitStopped(Duration within) {
        long until = System.nanoTime() + within.toNanos();
        try {
            for (Lane lane : lanes) {
                if (!lane.executor.awaitTermination(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The messages delivered to this consumer that its lanes have not taken up yet: with those the broker still
     * holds for the queue, what the consumer lags behind.
     *
     * @return the messages waiting in the lanes
     */
    int waiting() {
        return lanes.stream().mapToInt(lane -> lane.waiting.size()).sum();
    }

    /** The queue this consumer takes its messages from. */
    QueueSubscription queue() {
        return queue;
    }

    /** Whether the lanes should go on: not stopped, and the channel (to acknowledge on) still open. */
    private boolean running() {
        return !stopped && getChannel().isOpen();
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (envelope.isRedeliver()) {
            redelivered.increment();
        }
        // Events of one aggregate always take the same lane, so they are applied in the order they were published.
        lanes.get(Math.floorMod(Long.hashCode(aggregateId(properties)), lanes.size()))
                .add(new Message(envelope, properties, body));
    }

    /** A message as the broker delivered it. */
    private record Message(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        long tag() {
            return envelope.getDeliveryTag();
        }
    }

    /** A message read as an event of one of the queue's subscriptions, ready to be applied. */
    private record Pending(long tag, Subscription.Received<?> event, int attemptsBefore) {
    }

    /**
     * One lane: its waiting messages and the single thread that applies them, in arrival order. The thread is
     * scheduled when a message arrives at an idle lane and drains the lane before it goes idle again.
     */
    private final class Lane {
        private final ExecutorService executor;
        private final Queue<Message> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(ExecutorService executor) {
            this.executor = executor;
        }

        void add(Message message) {
            waiting.add(message);
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // Stopping: the channel is closing, and the broker hands the messages out again.
                    scheduled.set(false);
                }
            }
        }

        private void drain() {
            List<Message> batch = new ArrayList<>(MAX_BATCH);
            Message message;
            while (batch.size() < MAX_BATCH && (message = waiting.poll()) != null) {
                batch.add(message);
            }
            try {
                if (!batch.isEmpty()) {
                    handle(batch);
                }
            } finally {
                scheduled.set(false);
                if (!waiting.isEmpty()) {
                    schedule();
                }
            }
        }
    }

    private void handle(List<Message> batch) {
        if (!running()) {
            return; // the broker hands them out again on the next channel
        }
        try {
            List<Pending> pending = new ArrayList<>(batch.size());
            for (Message message : batch) {
                Pending readable = read(message);
                if (readable != null) {
                    pending.add(readable);
                }
            }
            apply(pending);
        } catch (IOException | ShutdownSignalException e) {
            // Not acknowledged, so the broker delivers them again; the inbox absorbs those that had their effect.
            LOGGER.log(Level.DEBUG, queue.name() + ": acknowledging failed", e);
        }
    }

    /**
     * Reads a message as an event of a subscription; a message nobody subscribes to any more is acknowledged, one
     * that cannot be read is dead-lettered, and both give {@code null}.
     */
    private Pending read(Message message) throws IOException {
        AMQP.BasicProperties properties = message.properties();
        int attemptsBefore = deliveryCount(properties);
        String type = type(properties, message.envelope());
        Subscription<?> subscription = queue.byType().get(type);
        if (subscription == null) {
            // A binding left from an earlier version of the consumer: nothing here wants this type any more.
            LOGGER.log(Level.INFO, queue.name() + ": no subscription for " + type + " any more; dropped "
                                   + properties.getMessageId());
            getChannel().basicAck(message.tag(), false);
            return null;
        }
        OutboxRecord record;
        try {
            record = record(properties, message.body(), type, attemptsBefore);
        } catch (IllegalArgumentException e) {
            // No event id to keep it by: only the broker's dead-letter queue can hold it.
            LOGGER.log(Level.ERROR, queue.name() + ": " + type + " " + properties.getMessageId() + " cannot be read ("
                                    + e.getMessage() + "); moved to the dead-letter queue " + deadLetterQueue);
            getChannel().basicReject(message.tag(), false);
            return null;
        }
        try {
            return new Pending(message.tag(), subscription.read(record), attemptsBefore);
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.ERROR, queue.name() + ": " + type + " " + record.eventId() + " cannot be read ("
                                    + e.getMessage() + "); set aside as a dead letter");
            setAside(message.tag(), subscription, record, attemptsBefore + 1, e);
            return null;
        }
    }

    /**
     * Applies the batch in one transaction, acknowledging after the commit. A passing fault retries the whole batch
     * after a pause; any other failure applies its messages one at a time, so only the failing one is held.
     */
    private void apply(List<Pending> batch) throws IOException {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.size() > 1 && !appliedTogether(batch)) {
            LOGGER.log(Level.DEBUG, queue.name() + ": a batch of " + batch.size() + " failed; applying its events"
                                    + " one by one");
            for (Pending one : batch) {
                if (!running()) {
                    return;
                }
                applyAlone(one);
            }
            return;
        }
        if (batch.size() == 1) {
            applyAlone(batch.getFirst());
            return;
        }
        for (Pending one : batch) {
            getChannel().basicAck(one.tag(), false);
        }
    }

    /** Whether the batch committed in one transaction; retried while a passing fault stops it. */
    private boolean appliedTogether(List<Pending> batch) {
        Backoff backoff = Backoff.from(settings.redeliveryDelay());
        while (running()) {
            try {
                inOneTransaction(batch);
                return true;
            } catch (RuntimeException e) {
                if (!Faults.isPassing(e)) {
                    return false;
                }
                passing(batch.getFirst().event().record(), e, backoff);
            }
        }
        return false;
    }

    /** Applies the events in order in one transaction of the consumer's inbox, which each event's joins. */
    private static void inOneTransaction(List<Pending> batch) {
        Inbox inbox = batch.getFirst().event().subscription().inbox();
        if (batch.stream().anyMatch(one -> !one.event().subscription().inbox().equals(inbox))) {
            // Subscriptions of one consumer share its inbox; should they not, each event commits on its own.
            batch.forEach(one -> one.event().handleOnce());
            return;
        }
        inbox.inTransaction(() -> {
            batch.forEach(one -> one.event().handleOnce());
            return null;
        });
    }

    /**
     * Applies one message, retrying in the lane: without limit after passing faults, up to the last attempt after
     * poison, which then goes to the dead-letter queue. Left unacknowledged if the consumer stops meanwhile.
     */
    private void applyAlone(Pending one) throws IOException {
        Backoff passing = Backoff.from(settings.redeliveryDelay());
        Backoff poison = Backoff.from(settings.redeliveryDelay());
        int attempt = one.attemptsBefore();
        while (running()) {
            try {
                one.event().handleOnce();
                getChannel().basicAck(one.tag(), false);
                return;
            } catch (RuntimeException e) {
                if (Faults.isPassing(e)) {
                    passing(one.event().record(), e, passing);
                    continue;
                }
                attempt++;
                if (attempt >= settings.maxAttempts()) {
                    LOGGER.log(Level.ERROR, queue.name() + ": handling " + one.event().record().type() + " "
                                            + one.event().record().eventId() + " failed " + attempt
                                            + " times; set aside as a dead letter", e);
                    setAside(one.tag(), one.event().subscription(), one.event().record(), attempt, e);
                    return;
                }
                LOGGER.log(Level.WARNING, queue.name() + ": handling " + one.event().record().type() + " "
                                          + one.event().record().eventId() + " failed (attempt " + attempt + " of "
                                          + settings.maxAttempts() + "); it will be retried", e);
                Backoff.sleep(poison.next(), this::running);
            }
        }
    }

    // A passing fault: logged in one line (no stack trace, it is expected), then a growing pause, counting nothing.
    private void passing(OutboxRecord record, RuntimeException failure, Backoff backoff) {
        Duration pause = backoff.next();
        LOGGER.log(Level.WARNING, queue.name() + ": handling " + record.type() + " " + record.eventId()
                                  + " met a passing fault (" + Faults.reason(failure) + "); retrying in "
                                  + pause.toMillis() + " ms, no attempt counted");
        Backoff.sleep(pause, this::running);
    }

    /**
     * Keeps an event the consumer gives up on in its own dead letters, then acknowledges it, so it holds back
     * nothing. Setting aside is retried after passing faults like handling; if it fails otherwise, the message goes
     * to the broker's dead-letter queue instead, the safety net.
     */
    private void setAside(long tag, Subscription<?> subscription, OutboxRecord record, int attempts,
                          RuntimeException failure) throws IOException {
        Backoff backoff = Backoff.from(settings.redeliveryDelay());
        while (running()) {
            try {
                subscription.inbox().deadLetters().setAside(record, attempts, failure);
                getChannel().basicAck(tag, false);
                return;
            } catch (RuntimeException e) {
                if (!Faults.isPassing(e)) {
                    LOGGER.log(Level.ERROR, queue.name() + ": setting " + record.type() + " " + record.eventId()
                                            + " aside failed; moved to the dead-letter queue " + deadLetterQueue, e);
                    getChannel().basicReject(tag, false);
                    return;
                }
                passing(record, e, backoff);
            }
        }
    }

    @Override
    public void handleCancel(String consumerTag) {
        stop();
        LOGGER.log(Level.WARNING, "the broker stopped consuming " + queue.name() + " (queue deleted?); reconnecting");
        onLost.run();
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException signal) {
        // A lost connection is the connection's business; a channel closed by the broker is this consumer's.
        stop();
        if (!signal.isHardError() && !signal.isInitiatedByApplication()) {
            LOGGER.log(Level.WARNING, "the broker closed the channel consuming " + queue.name() + ": "
                                      + signal.getMessage() + "; reconnecting");
            onLost.run();
        }
    }

    /**
     * The outbox row a message carries, as the publisher stored it (the row id is the publisher's and unknown here).
     *
     * @throws IllegalArgumentException if the message has no valid event id
     */
    OutboxRecord record(AMQP.BasicProperties properties, byte[] body, String type, int attemptsBefore) {
        return record(queue.publisher(), properties, body, type, attemptsBefore);
    }

    /**
     * The outbox row a message from {@code publisher} carries.
     *
     * @throws IllegalArgumentException if the message has no valid event id
     */
    static OutboxRecord record(String publisher, AMQP.BasicProperties properties, byte[] body, String type,
                               int attemptsBefore) {
        String messageId = properties.getMessageId();
        if (messageId == null) {
            throw new IllegalArgumentException("the message has no message id (the event id)");
        }
        UUID eventId = UUID.fromString(messageId);
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        return new OutboxRecord(0L, eventId, publisher, type, aggregateId(properties),
                                new String(body, StandardCharsets.UTF_8), occurredAt(properties, headers),
                                attemptsBefore, trace(headers));
    }

    // The publish span's context, which the consumer's span continues; AMQP hands header strings over as bytes.
    private static TraceContext trace(Map<String, Object> headers) {
        Map<String, String> values = new HashMap<>(2);
        for (String name : List.of(TraceContext.TRACEPARENT, TraceContext.TRACESTATE)) {
            Object value = headers.get(name);
            if (value != null) {
                values.put(name, value.toString());
            }
        }
        return TraceContext.of(values);
    }

    /** The event type a message carries: its type property, else its routing key. */
    static String type(AMQP.BasicProperties properties, Envelope envelope) {
        return properties.getType() != null ? properties.getType() : envelope.getRoutingKey();
    }

    private static Instant occurredAt(AMQP.BasicProperties properties, Map<String, Object> headers) {
        Object header = headers.get(ConfirmedPublisher.OCCURRED_HEADER);
        if (header != null) {
            try {
                return Instant.parse(header.toString());
            } catch (DateTimeParseException e) {
                // fall back to the message's timestamp
            }
        }
        return properties.getTimestamp() != null ? properties.getTimestamp().toInstant() : Instant.now();
    }

    private static long aggregateId(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        return headers != null && headers.get(ConfirmedPublisher.AGGREGATE_HEADER) instanceof Number id
                ? id.longValue() : 0L;
    }

    static int deliveryCount(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        return headers != null && headers.get(DELIVERY_COUNT) instanceof Number count ? count.intValue() : 0;
    }

}
