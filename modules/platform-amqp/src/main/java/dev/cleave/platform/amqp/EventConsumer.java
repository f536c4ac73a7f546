package dev.cleave.platform.amqp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.IntStream;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import dev.cleave.platform.events.EventCodec;
import dev.cleave.platform.events.OutboxRecord;
import dev.cleave.platform.events.Subscription;

/**
 * Hands the messages of one queue to the consuming context's subscriptions. A message is acknowledged only after
 * {@link Subscription#handleOnce} returned, that is after the consumer's transaction (its effect and its inbox
 * record) committed; a crash before that redelivers it, and the inbox absorbs it.
 *
 * <p>Each event is applied in a transaction of its own, so one lane would be held to the database's commit rate.
 * Several lanes apply events side by side; all events of one aggregate take the same lane, in order.
 *
 * <p>A failed message is handed back to the queue for another attempt; on its last attempt it is rejected to the
 * dead-letter queue instead, and logged. A message that cannot be read as the subscribed event goes there at once.
 * Either way the messages behind it keep flowing.
 */
final class EventConsumer extends DefaultConsumer {
    private static final System.Logger LOGGER = System.getLogger(EventConsumer.class.getName());
    /** Set by quorum queues on a redelivered message: how often it was handed back before. */
    static final String DELIVERY_COUNT = "x-delivery-count";

    private final QueueSubscription queue;
    private final String deadLetterQueue;
    private final AmqpSettings settings;
    private final Runnable onLost;
    private final List<ExecutorService> lanes;

    /**
     * @param onLost called when the broker stops this consumer on its own (its queue deleted, a channel error), so
     *               the session can be rebuilt
     */
    EventConsumer(Channel channel, QueueSubscription queue, String deadLetterQueue, AmqpSettings settings,
                  Runnable onLost) {
        super(channel);
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.settings = settings;
        this.onLost = onLost;
        this.lanes = IntStream.range(0, settings.lanes())
                .mapToObj(lane -> Executors.newSingleThreadExecutor(
                        Thread.ofVirtual().name(queue.name() + "-lane-" + lane).factory()))
                .toList();
    }

    /** Stops the lanes; what they have not started is delivered again on the next channel. */
    void stop() {
        // No interrupts: an interrupted JDBC call can damage an embedded database. Queued work sees the channel
        // closed and leaves the message to be delivered again.
        lanes.forEach(ExecutorService::shutdown);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        // Events of one aggregate always take the same lane, so they are applied in the order they were published.
        try {
            lanes.get(Math.floorMod(Long.hashCode(aggregateId(properties)), lanes.size()))
                    .execute(() -> handle(envelope, properties, body));
        } catch (RejectedExecutionException e) {
            // Stopping: the channel is closing, and the broker hands the message out again.
        }
    }

    private void handle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (!getChannel().isOpen()) {
            return; // the broker hands it out again on the next channel
        }
        try {
            apply(envelope.getDeliveryTag(), envelope, properties, body);
        } catch (IOException | ShutdownSignalException e) {
            // Not acknowledged, so the broker delivers it again; the inbox absorbs it if it had its effect.
            LOGGER.log(Level.DEBUG, queue.name() + ": acknowledging " + properties.getMessageId() + " failed", e);
        }
    }

    private void apply(long tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws IOException {
        int attemptsBefore = deliveryCount(properties);
        String type = properties.getType() != null ? properties.getType() : envelope.getRoutingKey();
        Subscription<?> subscription = queue.byType().get(type);
        if (subscription == null) {
            // A binding left from an earlier version of the consumer: nothing here wants this type any more.
            LOGGER.log(Level.INFO, queue.name() + ": no subscription for " + type + " any more; dropped "
                                   + properties.getMessageId());
            getChannel().basicAck(tag, false);
            return;
        }
        OutboxRecord record;
        try {
            record = record(properties, body, type, attemptsBefore);
            EventCodec.decode(record.payload(), subscription.type());
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.ERROR, queue.name() + ": " + type + " " + properties.getMessageId() + " cannot be read ("
                                    + e.getMessage() + "); moved to the dead-letter queue " + deadLetterQueue);
            getChannel().basicReject(tag, false);
            return;
        }
        try {
            subscription.handleOnce(record);
        } catch (RuntimeException e) {
            failed(tag, record, attemptsBefore + 1, e);
            return;
        }
        getChannel().basicAck(tag, false);
    }

    private void failed(long tag, OutboxRecord record, int attempt, RuntimeException failure) throws IOException {
        String what = queue.name() + ": handling " + record.type() + " " + record.eventId();
        if (attempt >= settings.maxAttempts()) {
            LOGGER.log(Level.ERROR, what + " failed " + attempt + " times; moved to the dead-letter queue "
                                    + deadLetterQueue, failure);
            getChannel().basicReject(tag, false);
            return;
        }
        LOGGER.log(Level.WARNING, what + " failed (attempt " + attempt + " of " + settings.maxAttempts()
                                  + "); it will be retried", failure);
        pause(settings.redeliveryDelay().multipliedBy(attempt));
        getChannel().basicNack(tag, false, true);
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
        String messageId = properties.getMessageId();
        if (messageId == null) {
            throw new IllegalArgumentException("the message has no message id (the event id)");
        }
        UUID eventId = UUID.fromString(messageId);
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        return new OutboxRecord(0L, eventId, queue.publisher(), type, aggregateId(properties),
                                new String(body, StandardCharsets.UTF_8), occurredAt(properties, headers),
                                attemptsBefore);
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

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
