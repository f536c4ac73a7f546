package dev.cleave.platform.amqp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventSpans;
import dev.cleave.platform.spi.EventTransport.TransportUnavailableException;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.TraceContext;
import dev.cleave.platform.spi.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * One publishing context's channel, in confirm mode: a batch is published as a whole, then the broker's confirms
 * are awaited once. A row counts as delivered only when its message was confirmed; a nacked one counts as failed;
 * one the broker did not answer for in time stays outstanding and is sent again later (consumers' inboxes absorb
 * the duplicate).
 */
final class ConfirmedPublisher {
    private static final System.Logger LOGGER = System.getLogger(ConfirmedPublisher.class.getName());
    static final String CONTENT_TYPE = "application/json";
    static final String PUBLISHER_HEADER = "cleave-publisher";
    static final String AGGREGATE_HEADER = "cleave-aggregate-id";
    static final String OCCURRED_HEADER = "cleave-occurred-at";

    private final Connection connection;
    private final Topology topology;
    private final String publisher;
    private final long confirmTimeoutNanos;
    // One batch at a time per publisher: confirms are counted per channel.
    private final ReentrantLock lock = new ReentrantLock();
    private Channel channel;
    private volatile Batch pending;

    ConfirmedPublisher(Connection connection, Topology topology, String publisher, AmqpSettings settings) {
        this.connection = connection;
        this.topology = topology;
        this.publisher = publisher;
        this.confirmTimeoutNanos = settings.confirmTimeout().toNanos();
    }

    /**
     * Publishes a batch and waits for its confirms.
     *
     * @throws TransportUnavailableException if not one message was confirmed
     */
    Delivered publish(List<OutboxRecord> records) throws InterruptedException {
        lock.lock();
        try {
            Batch batch = new Batch();
            RuntimeException broken = null;
            try {
                Channel open = open();
                pending = batch;
                for (OutboxRecord record : records) {
                    // Expected before it is sent: the confirm may arrive before basicPublish returns.
                    batch.expect(open.getNextPublishSeqNo(), record);
                    send(open, record);
                }
            } catch (IOException | ShutdownSignalException e) {
                broken = new TransportUnavailableException("publishing to " + topology.exchange(publisher)
                                                           + " failed: " + e.getMessage(), e);
                batch.abandon();
            }
            boolean complete = batch.await(System.nanoTime() + confirmTimeoutNanos);
            pending = null;
            if (!complete) {
                // Confirms still owed would only confuse the next batch: start it on a fresh channel.
                discardChannel();
            }
            Delivered outcome = batch.outcome();
            if (outcome.delivered().isEmpty() && outcome.failed().isEmpty()) {
                throw broken != null ? broken : new TransportUnavailableException(
                        "the broker confirmed none of " + records.size() + " events to "
                        + topology.exchange(publisher) + " within " + confirmTimeoutNanos / 1_000_000 + " ms", null);
            }
            if (!outcome.failed().isEmpty()) {
                LOGGER.log(Level.WARNING, "the broker refused (nacked) " + outcome.failed().size() + " of "
                                          + records.size() + " events to " + topology.exchange(publisher));
            }
            return outcome;
        } finally {
            lock.unlock();
        }
    }

    private Channel open() throws IOException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Channel fresh = connection.createChannel();
        if (fresh == null) {
            throw new IOException("no channel available on the connection");
        }
        topology.declarePublisher(fresh, publisher);
        fresh.confirmSelect();
        fresh.addConfirmListener((tag, multiple) -> confirmed(tag, multiple, true),
                                 (tag, multiple) -> confirmed(tag, multiple, false));
        fresh.addShutdownListener(cause -> {
            Batch batch = pending;
            if (batch != null) {
                batch.abandon();
            }
        });
        channel = fresh;
        return fresh;
    }

    private void confirmed(long tag, boolean multiple, boolean ack) {
        Batch batch = pending;
        if (batch != null) {
            batch.confirm(tag, multiple, ack);
        }
    }

    private void discardChannel() {
        Channel stale = channel;
        channel = null;
        if (stale != null && stale.isOpen()) {
            try {
                stale.abort();
            } catch (IOException | RuntimeException e) {
                LOGGER.log(Level.DEBUG, "closing a publishing channel failed", e);
            }
        }
    }

    void close() {
        lock.lock();
        try {
            discardChannel();
        } finally {
            lock.unlock();
        }
    }

    // One span per event sent, a child of the request that wrote it; its context travels in the message's headers,
    // so the consumer's span continues the trace.
    private void send(Channel open, OutboxRecord record) throws IOException {
        String exchange = topology.exchange(publisher);
        Span span = EventSpans.publish(record, "rabbitmq", exchange);
        try (Scope ignored = span.makeCurrent()) {
            open.basicPublish(exchange, record.type(), false, properties(record, Tracing.current()),
                              record.payload().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            Tracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private AMQP.BasicProperties properties(OutboxRecord record, TraceContext trace) {
        Map<String, Object> headers = new HashMap<>(trace.headers());
        headers.put(PUBLISHER_HEADER, publisher);
        headers.put(AGGREGATE_HEADER, record.aggregateId());
        headers.put(OCCURRED_HEADER, record.occurredAt().toString());
        return new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .messageId(record.eventId().toString())
                .type(record.type())
                .contentType(CONTENT_TYPE)
                .contentEncoding(StandardCharsets.UTF_8.name())
                .timestamp(Date.from(record.occurredAt()))
                .headers(headers)
                .build();
    }

    /** The confirms owed for one batch, by publish sequence number. */
    private static final class Batch {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition settled = lock.newCondition();
        private final NavigableMap<Long, OutboxRecord> unconfirmed = new TreeMap<>();
        private final List<Long> acked = new ArrayList<>();
        private final List<OutboxRecord> nacked = new ArrayList<>();
        private boolean abandoned;

        void expect(long sequence, OutboxRecord record) {
            lock.lock();
            try {
                unconfirmed.put(sequence, record);
            } finally {
                lock.unlock();
            }
        }

        void confirm(long sequence, boolean multiple, boolean ack) {
            lock.lock();
            try {
                NavigableMap<Long, OutboxRecord> confirmed = multiple
                        ? unconfirmed.headMap(sequence, true)
                        : unconfirmed.subMap(sequence, true, sequence, true);
                for (OutboxRecord record : confirmed.values()) {
                    if (ack) {
                        acked.add(record.id());
                    } else {
                        nacked.add(record);
                    }
                }
                confirmed.clear();
                if (unconfirmed.isEmpty()) {
                    settled.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        /** No more confirms will come (the channel is gone): stop waiting for them. */
        void abandon() {
            lock.lock();
            try {
                abandoned = true;
                settled.signalAll();
            } finally {
                lock.unlock();
            }
        }

        boolean await(long deadlineNanos) throws InterruptedException {
            lock.lock();
            try {
                while (!unconfirmed.isEmpty() && !abandoned) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    settled.awaitNanos(left);
                }
                return unconfirmed.isEmpty();
            } finally {
                lock.unlock();
            }
        }

        Delivered outcome() {
            lock.lock();
            try {
                return new Delivered(acked, nacked);
            } finally {
                lock.unlock();
            }
        }
    }
}
