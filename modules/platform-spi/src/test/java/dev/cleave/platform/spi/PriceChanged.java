package dev.cleave.platform.spi;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * A test event as today's release has it. A public record in the exported package, so Jackson reads it as it reads
 * the contexts' events, without an {@code opens}.
 *
 * @param eventId     the event's id
 * @param occurredAt  when it happened
 * @param aggregateId the priced item
 * @param version     the item's version
 * @param cents       the new price
 */
public record PriceChanged(UUID eventId, Instant occurredAt, long aggregateId, long version, long cents)
        implements DomainEvent {
    static PriceChanged of(long item, long cents) {
        return new PriceChanged(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"), item, 3, cents);
    }
}
