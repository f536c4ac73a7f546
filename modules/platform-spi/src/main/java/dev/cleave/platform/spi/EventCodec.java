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
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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
     * Reads an event.
     *
     * @param payload its JSON
     * @param type    its type
     * @param <E>     its type
     * @return the event
     * @throws IllegalArgumentException if the payload is not such an event
     */
    public static <E extends DomainEvent> E decode(String payload, Class<E> type) {
        try {
            return MAPPER.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
