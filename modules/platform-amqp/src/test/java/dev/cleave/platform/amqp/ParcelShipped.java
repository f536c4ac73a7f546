package dev.cleave.platform.amqp;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.cleave.platform.api.DomainEvent;

/**
 * A test event that consumers handle without trouble; state-carrying like every event, so a parcel's versions rise.
 *
 * @param eventId     the event's id
 * @param occurredAt  when it happened
 * @param aggregateId the parcel
 * @param version     the parcel's version
 */
public record ParcelShipped(UUID eventId, Instant occurredAt, long aggregateId, long version) implements DomainEvent {
    // Rising across every parcel event the tests make, so those they make of one parcel rise in version, in the
    // order they are made, as a real aggregate's do.
    private static final AtomicLong VERSIONS = new AtomicLong();

    static ParcelShipped of(long parcel) {
        return at(parcel, nextVersion());
    }

    static ParcelShipped at(long parcel, long version) {
        return new ParcelShipped(UUID.randomUUID(), Instant.now(), parcel, version);
    }

    /** A version higher than that of every parcel event made so far. */
    static long nextVersion() {
        return VERSIONS.incrementAndGet();
    }
}
