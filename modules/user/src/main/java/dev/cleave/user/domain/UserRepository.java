package dev.cleave.user.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import dev.cleave.platform.api.Slice;

/**
 * Where users are kept. The implementation enforces email uniqueness and versions atomically.
 */
public interface UserRepository {

    /**
     * Stores a new user at version 1.
     *
     * @param details   the checked details
     * @param owner     the customer who owns it, or {@code null} for a user only admins manage
     * @param createdBy who registers it
     * @param now       the registration time
     * @return the stored user
     * @throws dev.cleave.platform.api.ConflictException if a current user has the email, or the owner already owns
     *                                                   a user
     */
    User insert(UserDetails details, String owner, String createdBy, Instant now);

    /**
     * Finds a current user.
     *
     * @param id the id
     * @return the user, or empty
     */
    Optional<User> find(long id);

    /**
     * Changes a user, if it is still at the expected version (at any version if {@code null}), and moves it to the
     * next version, in one statement: a change that asked for no version cannot lose a race.
     *
     * @param id              the id
     * @param expectedVersion the version the change was based on, or {@code null} for whatever version is current
     * @param details         the new details
     * @param now             the time of the change
     * @return the changed user, or empty if the user is gone or at another version than the expected one
     * @throws dev.cleave.platform.api.ConflictException if another current user has the email
     */
    Optional<User> update(long id, Long expectedVersion, UserDetails details, Instant now);

    /**
     * Deletes a user, if it is still at the expected version (at any version if {@code null}).
     *
     * @param id              the id
     * @param expectedVersion the version the client saw, or {@code null} for whatever version is current
     * @return the version the user had when it was deleted, or empty if no user was deleted
     */
    OptionalLong delete(long id, Long expectedVersion);

    /**
     * Lists users in ascending id order.
     *
     * @param afterId list only ids greater than this, or {@code null} from the start
     * @param limit   the page size
     * @return the page
     */
    Slice<User> list(Long afterId, int limit);
}
