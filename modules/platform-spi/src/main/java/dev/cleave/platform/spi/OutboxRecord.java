package dev.cleave.platform.spi;

import java.time.Instant;
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
 */
public record OutboxRecord(long id,
                           UUID eventId,
                           String publisher,
                           String type,
                           long aggregateId,
                           String payload,
                           Instant occurredAt,
                           int attempts) {
}
