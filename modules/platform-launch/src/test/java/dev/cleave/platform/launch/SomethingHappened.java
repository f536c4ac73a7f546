package dev.cleave.platform.launch;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * An event of the test contexts: a public record, so the event codec can write it.
 *
 * @param eventId    the event's id
 * @param occurredAt when it happened
 * @param thingId    what it happened to
 * @param version    the thing's version after it
 */
public record SomethingHappened(UUID eventId, Instant occurredAt, long thingId, long version) implements DomainEvent {
    static SomethingHappened to(long thingId) {
        return new SomethingHappened(UUID.randomUUID(), Instant.now(), thingId, 1);
    }

    @Override
    public long aggregateId() {
        return thingId;
    }
}
