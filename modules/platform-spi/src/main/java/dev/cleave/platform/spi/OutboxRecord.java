package dev.cleave.platform.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as stored in a context's outbox and carried by a transport.
 *
 * @param id          the row's position in the outbox
 * @param eventId     the event's id
 * @param publisher   the publishing context
 * @param type        the event type name (simple class name)
 * @param aggregateId the aggregate it happened to
 * @param payload     the event as JSON
 * @param occurredAt  when it happened
 * @param attempts    how many deliveries failed before
 * @param trace       where the request that wrote it stood in its trace; after a transport, the delivery's span
 */
public record OutboxRecord(long id,
                           UUID eventId,
                           String publisher,
                           String type,
                           long aggregateId,
                           String payload,
                           Instant occurredAt,
                           int attempts,
                           TraceContext trace) {
    /**
     * Requires a trace context ({@link TraceContext#NONE} for none).
     */
    public OutboxRecord {
        Objects.requireNonNull(trace, "trace");
    }

    /**
     * A row outside any trace.
     *
     * @param id          the row's position in the outbox
     * @param eventId     the event's id
     * @param publisher   the publishing context
     * @param type        the event type name (simple class name)
     * @param aggregateId the aggregate it happened to
     * @param payload     the event as JSON
     * @param occurredAt  when it happened
     * @param attempts    how many deliveries failed before
     */
    public OutboxRecord(long id, UUID eventId, String publisher, String type, long aggregateId, String payload,
                        Instant occurredAt, int attempts) {
        this(id, eventId, publisher, type, aggregateId, payload, occurredAt, attempts, TraceContext.NONE);
    }

    /**
     * The same row, continuing another trace context.
     *
     * @param other the trace context to carry instead
     * @return the row
     */
    public OutboxRecord withTrace(TraceContext other) {
        return new OutboxRecord(id, eventId, publisher, type, aggregateId, payload, occurredAt, attempts, other);
    }
}
