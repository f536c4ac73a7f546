package dev.cleave.platform.spi;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the tolerant reader still refuses: a payload that is no JSON object, a required property missing or null,
 * a property of the wrong type. Refused means {@link IllegalArgumentException}, which a transport takes for poison
 * and sets aside in the dead letters at once.
 */
class RefusingAnEventThatCannotBeReadTest {
    private static final String EVENT_ID = "\"eventId\":\"6f1c2a3e-0000-4000-8000-000000000001\"";
    private static final String OCCURRED_AT = "\"occurredAt\":\"2026-01-01T00:00:00Z\"";
    private static final String AGGREGATE_ID = "\"aggregateId\":7";
    private static final String VERSION = "\"version\":3";
    private static final String CENTS = "\"cents\":1999";

    @Test
    void aCompleteEventIsRead() {
        PriceChanged read = EventCodec.decode(object(EVENT_ID, OCCURRED_AT, AGGREGATE_ID, VERSION, CENTS),
                                              PriceChanged.class);

        assertEquals(7, read.aggregateId());
        assertEquals("6f1c2a3e-0000-4000-8000-000000000001", read.eventId().toString());
    }

    @Test
    void aPayloadThatIsNotJsonIsRefused() {
        assertRefused("PriceChanged 7 1999");
        assertRefused("");
        assertRefused(object(EVENT_ID, OCCURRED_AT, AGGREGATE_ID, VERSION, CENTS).replace("}", ""));
    }

    @Test
    void aPayloadWithMoreThanOneJsonValueIsRefused() {
        String event = object(EVENT_ID, OCCURRED_AT, AGGREGATE_ID, VERSION, CENTS);

        assertRefused(event + " " + event);
        assertRefused(event + " trailing");
    }

    @Test
    void jsonThatIsNotAnObjectIsRefused() {
        assertRefused("null");
        assertRefused("[]");
        assertRefused("\"PriceChanged\"");
    }

    @Test
    void anEventWithoutItsIdIsRefused() {
        assertRefused(object(OCCURRED_AT, AGGREGATE_ID, VERSION, CENTS));
        assertRefused(object("\"eventId\":null", OCCURRED_AT, AGGREGATE_ID, VERSION, CENTS));
    }

    @Test
    void anEventWithoutTheTimeItOccurredIsRefused() {
        assertRefused(object(EVENT_ID, AGGREGATE_ID, VERSION, CENTS));
        assertRefused(object(EVENT_ID, "\"occurredAt\":null", AGGREGATE_ID, VERSION, CENTS));
    }

    @Test
    void anEventWithoutItsAggregateIdOrVersionIsRefused() {
        assertRefused(object(EVENT_ID, OCCURRED_AT, VERSION, CENTS));
        assertRefused(object(EVENT_ID, OCCURRED_AT, "\"aggregateId\":null", VERSION, CENTS));
        assertRefused(object(EVENT_ID, OCCURRED_AT, AGGREGATE_ID, CENTS));
    }

    @Test
    void aMissingPrimitivePropertyIsRefusedRatherThanReadAsZero() {
        assertRefused(object(EVENT_ID, OCCURRED_AT, AGGREGATE_ID, VERSION));
    }

    @Test
    void aKnownPropertyOfTheWrongTypeIsRefused() {
        assertRefused(object(EVENT_ID, OCCURRED_AT, AGGREGATE_ID, VERSION, "\"cents\":{\"amount\":1999}"));
        assertRefused(object("\"eventId\":\"not a uuid\"", OCCURRED_AT, AGGREGATE_ID, VERSION, CENTS));
        assertRefused(object(EVENT_ID, "\"occurredAt\":\"yesterday\"", AGGREGATE_ID, VERSION, CENTS));
    }

    private static String object(String... properties) {
        return "{" + String.join(",", properties) + "}";
    }

    private static void assertRefused(String payload) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                                        () -> EventCodec.decode(payload, PriceChanged.class),
                                                        "read: " + payload);
        assertTrue(refused.getMessage().startsWith("not a PriceChanged"), refused.getMessage());
    }
}
