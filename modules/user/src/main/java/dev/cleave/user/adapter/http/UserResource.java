package dev.cleave.user.adapter.http;

import dev.cleave.user.domain.User;

/**
 * A user as the v1 API shows it.
 *
 * @param id        the id
 * @param name      the name
 * @param email     the email, lower case
 * @param owner     the subject of the customer who owns the user, or {@code null} if only admins manage it
 * @param createdAt RFC 3339 UTC
 * @param updatedAt RFC 3339 UTC
 * @param version   the version; also the ETag
 */
public record UserResource(long id, String name, String email, String owner, String createdAt, String updatedAt,
                           long version) {

    static UserResource of(User user) {
        return new UserResource(user.id(), user.name(), user.email(), user.owner(),
                                user.createdAt().toString(), user.updatedAt().toString(), user.version());
    }
}
