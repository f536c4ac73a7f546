package dev.cleave.platform.amqp;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * A test event whose handler always fails.
 *
 * @param eventId     the event's id
 * @param occurredAt  when it happened
 * @param aggregateId the parcel
 * @param version     the parcel's version
 */
public record ParcelLost(UUID eventId, Instant occurredAt, long aggregateId, long version) implements DomainEvent {
    static ParcelLost of(long parcel) {
        return new ParcelLost(UUID.randomUUID(), Instant.now(), parcel, ParcelShipped.nextVersion());
    }
}
