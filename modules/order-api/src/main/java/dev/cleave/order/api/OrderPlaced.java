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
 * @param totalCents its total in minor units of its currency (the name is from when every order was in cents of
 *                   one currency; renaming it would make a new event type)
 * @param actor      the subject that made the change (a token's {@code sub}), or {@code null} in events from
 *                   before subjects were recorded
 * @param currency   the ISO 4217 code of the order's currency, or {@code null} in events from before orders had
 *                   one: then it is the deployment's v1 currency ({@code CLEAVE_ORDER_V1_CURRENCY})
 */
public record OrderPlaced(UUID eventId, Instant occurredAt, long orderId, long version, long userId, long totalCents,
                          String actor, String currency)
        implements DomainEvent {

    @Override
    public long aggregateId() {
        return orderId;
    }
}
