package dev.cleave.platform.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Both directions of a rolling upgrade, at the codec: a consumer still on today's release reads what a newer
 * publisher writes, and a consumer already on the next release reads what today's publisher writes.
 */
class ReadingEventsFromANewerOrOlderPublisherTest {
    @Test
    void anEventFromANewerPublisherIsReadWithoutThePropertyThisConsumerDoesNotKnow() {
        PriceChangedWithCurrency newer = PriceChangedWithCurrency.of(7, 1999, "EUR");

        PriceChanged read = EventCodec.decode(EventCodec.encode(newer), PriceChanged.class);

        assertEquals(new PriceChanged(newer.eventId(), newer.occurredAt(), 7, 3, 1999), read);
    }

    @Test
    void propertiesThisConsumerDoesNotKnowAreIgnoredWhateverTheirShape() {
        PriceChanged today = PriceChanged.of(7, 1999);
        String newer = "{\"eventId\":\"" + today.eventId() + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                + "\"aggregateId\":7,\"version\":3,\"cents\":1999,\"currency\":\"EUR\",\"vatRate\":0.19,"
                + "\"discount\":{\"code\":\"SPRING\",\"tiers\":[{\"from\":1,\"percent\":5}]},"
                + "\"tags\":[\"sale\",null],\"note\":null}";

        assertEquals(today, EventCodec.decode(newer, PriceChanged.class));
    }

    @Test
    void anEventFromAnOlderPublisherIsReadWithNullForTheOptionalPropertyItDoesNotCarry() {
        PriceChanged older = PriceChanged.of(7, 1999);

        PriceChangedWithCurrency read = EventCodec.decode(EventCodec.encode(older), PriceChangedWithCurrency.class);

        assertEquals(new PriceChangedWithCurrency(older.eventId(), older.occurredAt(), 7, 3, 1999, null), read);
        assertNull(read.currency());
    }
}
