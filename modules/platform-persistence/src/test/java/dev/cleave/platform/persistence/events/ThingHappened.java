package dev.cleave.platform.persistence.events;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.cleave.platform.api.DomainEvent;

/**
 * A test event, state-carrying like every event: the thing's version after it.
 *
 * @param eventId    its id
 * @param occurredAt when
 * @param thingId    the thing
 * @param version    the thing's version
 */
public record ThingHappened(UUID eventId, Instant occurredAt, long thingId, long version) implements DomainEvent {
    // Rising across every event made with of(), so the events a test makes of one thing rise in version, as a real
    // aggregate's do.
    private static final AtomicLong VERSIONS = new AtomicLong();

    static ThingHappened of(long thingId) {
        return at(thingId, VERSIONS.incrementAndGet());
    }

    static ThingHappened at(long thingId, long version) {
        return new ThingHappened(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"), thingId, version);
    }

    @Override
    public long aggregateId() {
        return thingId;
    }
}
