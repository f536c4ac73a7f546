package dev.cleave.user.api;

import java.util.Optional;

/**
 * What other contexts may know about a user.
 *
 * @param id    the user's id
 * @param name  the user's display name
 * @param email the user's email address, lower case
 * @param owner the subject of the customer who owns the user, or {@code null} for a user only admins manage
 */
public record UserSummary(long id, String name, String email, String owner) {
    /**
     * The owner, if a customer owns the user.
     *
     * @return the owner's subject
     */
    public Optional<String> ownedBy() {
        return Optional.ofNullable(owner);
    }
}
