package dev.cleave.platform.amqp;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * A test event that consumers handle without trouble.
 *
 * @param eventId     the event's id
 * @param occurredAt  when it happened
 * @param aggregateId the parcel
 * @param version     the parcel's version
 */
public record ParcelShipped(UUID eventId, Instant occurredAt, long aggregateId, long version) implements DomainEvent {
    static ParcelShipped of(long parcel) {
        return new ParcelShipped(UUID.randomUUID(), Instant.now(), parcel, 1);
    }
}
