package dev.cleave.order.api;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * An order was placed.
 *
 * @param eventId    the event's id
 * @param occurredAt when it happened
 * @param orderId    the order
 * @param version    the order's version after it happened
 * @param userId     the user who placed it
 * @param totalCents its total
 */
public record OrderPlaced(UUID eventId, Instant occurredAt, long orderId, long version, long userId, long totalCents)
        implements DomainEvent {

    @Override
    public long aggregateId() {
        return orderId;
    }
}
