package dev.cleave.platform.spi;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * {@link PriceChanged} as the next release has it: one optional property more, nullable, as every property added to
 * an event must be.
 *
 * @param eventId     the event's id
 * @param occurredAt  when it happened
 * @param aggregateId the priced item
 * @param version     the item's version
 * @param cents       the new price
 * @param currency    the price's currency, or {@code null} if the publisher did not say (an older one never does)
 */
public record PriceChangedWithCurrency(UUID eventId, Instant occurredAt, long aggregateId, long version, long cents,
                                       String currency) implements DomainEvent {
    static PriceChangedWithCurrency of(long item, long cents, String currency) {
        return new PriceChangedWithCurrency(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z"), item, 3, cents,
                                            currency);
    }
}
