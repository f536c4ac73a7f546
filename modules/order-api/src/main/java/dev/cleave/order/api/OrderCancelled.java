package dev.cleave.order.api;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * An order was cancelled.
 *
 * @param eventId    the event's id
 * @param occurredAt when it happened
 * @param orderId    the order
 * @param version    the order's version after it happened
 * @param userId     the user who placed it
 * @param reason     why
 * @param actor      the subject that made the change; for {@code USER_DELETED}, the one who deleted the user (a
 *                   token's {@code sub}), or {@code null} in events from before subjects were recorded
 */
public record OrderCancelled(UUID eventId, Instant occurredAt, long orderId, long version, long userId,
                             CancellationReason reason, String actor) implements DomainEvent {

    @Override
    public long aggregateId() {
        return orderId;
    }
}
