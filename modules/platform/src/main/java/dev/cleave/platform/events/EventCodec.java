package dev.cleave.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.http.Json;

/**
 * Events as JSON: public records in exported API packages, which Jackson reads and writes without reflection
 * permissions.
 */
public final class EventCodec {
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
            return Json.mapper().writeValueAsString(event);
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
            return Json.mapper().readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
