package dev.cleave.platform.spi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cleave.platform.api.DomainEvent;

/**
 * Events as JSON: public records in exported API packages, which Jackson reads and writes without reflection
 * permissions. Events have a mapper of their own, apart from the web's: what an event may carry and how a consumer
 * reads it are rules of the event contract, not of request bodies.
 *
 * <p>Events are read by a tolerant reader, so that publisher and consumer can be upgraded one after the other in
 * either order: a property the consumer's record does not have is ignored (a newer publisher added it), and a
 * property of a reference type that the payload does not carry is {@code null} (an older publisher did not have it
 * yet). What cannot be read safely is refused, and a refused event is poison that the transports set aside in the
 * dead letters at once: a payload that is not exactly one JSON object, a property of the wrong type, a primitive
 * property missing or {@code null} (which makes the aggregate id and version required, and is why a property added
 * to an event must be of a nullable reference type), and an event without its {@link DomainEvent#eventId() id} or
 * {@link DomainEvent#occurredAt() time}.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // A newer publisher may add properties: ignore them rather than refuse the event.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // An older publisher lacks the properties added since: read them as null. The required ones among the
            // reference types are checked in decode, since this feature cannot tell them from optional ones.
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            // A primitive has no "absent": reading a missing id, version or amount as 0 would invent one.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // One JSON value per payload: anything after it is damage, not a newer publisher.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Events carry Instants; they travel as RFC 3339 strings, like every timestamp of the API.
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EventCodec() {
    }

    /**
     * Writes an event.
     *
     * @param event the event
     * @return its JSON
     */
    public static String encode(DomainEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads an event tolerantly: properties its type does not know are ignored, and properties of a reference type
     * that the payload lacks are {@code null}.
     *
     * @param payload its JSON
     * @param type    its type
     * @param <E>     its type
     * @return the event
     * @throws IllegalArgumentException if the payload is not such an event: not exactly one JSON object, a property
     *                                  of the wrong type, a primitive property missing or {@code null}, or no event
     *                                  id or time
     */
    public static <E extends DomainEvent> E decode(String payload, Class<E> type) {
        E event;
        try {
            event = MAPPER.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
        // Jackson reads the JSON literal null as no event at all.
        if (event == null) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": null");
        }
        if (event.eventId() == null) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": no eventId");
        }
        if (event.occurredAt() == null) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": no occurredAt");
        }
        return event;
    }
}
