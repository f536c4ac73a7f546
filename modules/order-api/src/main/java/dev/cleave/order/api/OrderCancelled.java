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
 */
public record OrderCancelled(UUID eventId, Instant occurredAt, long orderId, long version, long userId,
                             CancellationReason reason) implements DomainEvent {

    @Override
    public long aggregateId() {
        return orderId;
    }
}
