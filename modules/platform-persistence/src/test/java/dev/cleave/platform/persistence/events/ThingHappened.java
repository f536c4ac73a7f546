package dev.cleave.platform.persistence.events;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * A test event.
 *
 * @param eventId    its id
 * @param occurredAt when
 * @param thingId    the thing
 * @param version    the thing's version
 */
public record ThingHappened(UUID eventId, Instant occurredAt, long thingId, long version) implements DomainEvent {
    static ThingHappened of(long thingId) {
        return new ThingHappened(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"), thingId, 1);
    }

    @Override
    public long aggregateId() {
        return thingId;
    }
}
