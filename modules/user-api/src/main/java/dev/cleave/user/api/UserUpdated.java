package dev.cleave.user.api;

import java.time.Instant;
import java.util.UUID;

import dev.cleave.platform.api.DomainEvent;

/**
 * A user's name or email changed.
 *
 * @param eventId    the event's id
 * @param occurredAt when it happened
 * @param userId     the user
 * @param version    the user's version after it happened
 * @param name       the new name
 * @param email      the new email, lower case
 * @param actor      the subject that made the change (a token's {@code sub}), or {@code null} in events from
 *                   before subjects were recorded
 */
public record UserUpdated(UUID eventId, Instant occurredAt, long userId, long version, String name, String email,
                          String actor)
        implements DomainEvent {

    @Override
    public long aggregateId() {
        return userId;
    }
}
