package dev.cleave.user.domain;

import java.time.Instant;

/**
 * A registered user.
 *
 * @param id        the user's id
 * @param name      the display name, trimmed
 * @param email     the email address, lower case
 * @param createdAt when the user registered
 * @param updatedAt when the user last changed
 * @param version   increases with every change; the basis for optimistic concurrency
 */
public record User(long id, String name, String email, Instant createdAt, Instant updatedAt, long version) {
}
