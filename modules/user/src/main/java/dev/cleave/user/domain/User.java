package dev.cleave.user.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * A registered user.
 *
 * @param id        the user's id
 * @param name      the display name, trimmed
 * @param email     the email address, lower case
 * @param owner     the subject of the customer who registered it and owns it, or {@code null} if an admin
 *                  registered it (then only admins manage it)
 * @param createdBy the subject that registered it, or {@code null} for users from before subjects were recorded
 * @param createdAt when the user registered
 * @param updatedAt when the user last changed
 * @param version   increases with every change; the basis for optimistic concurrency
 */
public record User(long id, String name, String email, String owner, String createdBy,
                   Instant createdAt, Instant updatedAt, long version) {
    /**
     * The owner, if a customer owns this user.
     *
     * @return the owner's subject
     */
    public Optional<String> ownedBy() {
        return Optional.ofNullable(owner);
    }
}
