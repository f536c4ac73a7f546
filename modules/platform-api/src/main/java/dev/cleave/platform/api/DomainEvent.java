package dev.cleave.platform.api;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened in a context, told to other contexts. Implemented by past-tense public records in a
 * context's API package ({@code UserDeleted}, {@code OrderPlaced}).
 */
public interface DomainEvent {

    /**
     * The event's own id: consumers record it to apply each event once, however often it is delivered.
     *
     * @return the id
     */
    UUID eventId();

    /**
     * When it happened.
     *
     * @return the time
     */
    Instant occurredAt();

    /**
     * The id of the aggregate it happened to (the user, the order).
     *
     * @return the aggregate id
     */
    long aggregateId();

    /**
     * The aggregate's version after it happened.
     *
     * @return the version
     */
    long version();
}
