package dev.cleave.bench.events;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * The benchmark's event: small, like most domain events.
 *
 * @param eventId     the event's id
 * @param occurredAt  when it was published (written to the outbox)
 * @param aggregateId the parcel
 * @param version     the parcel's version
 * @param depot       where it was scanned
 */
public record ParcelScanned(UUID eventId, Instant occurredAt, long aggregateId, long version, String depot)
        implements DomainEvent {
    static ParcelScanned of(long parcel) {
        return new ParcelScanned(UUID.randomUUID(), Instant.now(), parcel, 1, "depot-" + parcel % 17);
    }
}
