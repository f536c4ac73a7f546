package dev.cleave.platform.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event a consuming context gave up on: it could not be read, or its handler failed on every attempt. Kept in the
 * consumer's own database until an operator replays it ({@link Subscription#replay}).
 *
 * @param consumer    the consuming context
 * @param eventId     the event's id
 * @param publisher   the publishing context
 * @param type        the event type name
 * @param aggregateId the aggregate it happened to
 * @param payload     the event as JSON, as it was delivered
 * @param occurredAt  when it happened
 * @param attempts    how often handling it failed, replays included
 * @param lastError   the last failure in one line: its class's simple name and message, never a stack trace
 * @param deadAt      when the consumer gave up on it
 */
public record DeadLetter(String consumer,
                         UUID eventId,
                         String publisher,
                         String type,
                         long aggregateId,
                         String payload,
                         Instant occurredAt,
                         int attempts,
                         String lastError,
                         Instant deadAt) {
    /**
     * Checks the parts that identify it are there.
     */
    public DeadLetter {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(type, "type");
    }

    /**
     * The event as delivered, to be handled again.
     *
     * @return the record (with no outbox row id: the row is the publisher's)
     */
    public OutboxRecord record() {
        return new OutboxRecord(0L, eventId, publisher, type, aggregateId, payload, occurredAt, attempts);
    }
}
