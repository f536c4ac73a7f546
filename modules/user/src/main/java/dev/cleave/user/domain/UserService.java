package dev.cleave.user.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.EventPublisher;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import dev.cleave.platform.api.Slice;
import dev.cleave.platform.api.Transactions;
import dev.cleave.user.api.UserDeleted;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.UserRegistered;
import dev.cleave.user.api.UserSummary;
import dev.cleave.user.api.UserUpdated;

/**
 * The user context's use cases. Also the in-process implementation of {@link UserDirectory}. Every change publishes
 * its event in the change's own transaction: {@link UserRegistered}, {@link UserUpdated}, {@link UserDeleted}.
 */
public final class UserService implements UserDirectory {
    private final UserRepository users;
    private final Transactions transactions;
    private final EventPublisher events;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param users        where users are kept
     * @param transactions the unit of work of each use case
     * @param events       where events go, with the change that caused them
     * @param clock        the time source
     */
    public UserService(UserRepository users, Transactions transactions, EventPublisher events, Clock clock) {
        this.users = users;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Registers a user.
     *
     * @param details the checked details
     * @return the new user
     * @throws ConflictException if a current user has the email
     */
    public User register(UserDetails details) {
        return transactions.inTransaction(() -> {
            User user = users.insert(details, now());
            events.publish(new UserRegistered(UUID.randomUUID(), user.createdAt(), user.id(), user.version(),
                                              user.name(), user.email()));
            return user;
        });
    }

    /**
     * Reads a current user.
     *
     * @param id the id
     * @return the user
     * @throws NotFoundException if there is none
     */
    public User get(long id) {
        return users.find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * Replaces a user's details. Without an expected version the change applies to whatever version is current,
     * however many changes race it; only a change that named a version can fail its precondition.
     *
     * @param id              the id
     * @param expectedVersion the version the client based the change on, if it said so
     * @param details         the new details
     * @return the changed user
     * @throws NotFoundException           if there is no such user
     * @throws PreconditionFailedException if an expected version was given and the user is not at it
     * @throws ConflictException           if another user has the email
     */
    public User replace(long id, Optional<Long> expectedVersion, UserDetails details) {
        User current = get(id);
        if (expectedVersion.isPresent() && expectedVersion.get() != current.version()) {
            throw versionMismatch(id, current.version());
        }
        Optional<User> updated = transactions.inTransaction(() -> {
            Optional<User> changed = users.update(id, expectedVersion.orElse(null), details, now());
            changed.ifPresent(user -> events.publish(new UserUpdated(UUID.randomUUID(), user.updatedAt(), user.id(),
                                                                     user.version(), user.name(), user.email())));
            return changed;
        });
        return updated.orElseThrow(() -> lostTo(id, expectedVersion));
    }

    /**
     * Deletes a user; its email may then register again. Without an expected version whatever version is current
     * is deleted, however many changes race it; only a deletion that named a version can fail its precondition.
     *
     * @param id              the id
     * @param expectedVersion the version the client saw, if it said so
     * @throws NotFoundException           if there is no such user
     * @throws PreconditionFailedException if an expected version was given and the user is not at it
     */
    public void delete(long id, Optional<Long> expectedVersion) {
        transactions.inTransaction(() -> {
            User current = get(id);
            if (expectedVersion.isPresent() && expectedVersion.get() != current.version()) {
                throw versionMismatch(id, current.version());
            }
            OptionalLong deleted = users.delete(id, expectedVersion.orElse(null));
            if (deleted.isEmpty()) {
                throw lostTo(id, expectedVersion);
            }
            events.publish(new UserDeleted(UUID.randomUUID(), now(), id, deleted.getAsLong() + 1));
            return null;
        });
    }

    /**
     * Lists users in ascending id order.
     *
     * @param afterId the last id already seen, or {@code null}
     * @param limit   the page size
     * @return the page
     */
    public Slice<User> list(Long afterId, int limit) {
        return users.list(afterId, limit);
    }

    @Override
    public Optional<UserSummary> find(long id) {
        return users.find(id).map(user -> new UserSummary(user.id(), user.name(), user.email()));
    }

    // Millisecond precision: what every database keeps and every client parses.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // A write that matched no row: without an expected version only a user that is gone (404) makes it miss; with
    // one, so does a change since the client read it (412).
    private RuntimeException lostTo(long id, Optional<Long> expectedVersion) {
        if (expectedVersion.isEmpty()) {
            return notFound(id);
        }
        return versionMismatch(id, get(id).version());
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No user with id " + id + ".");
    }

    private static PreconditionFailedException versionMismatch(long id, long current) {
        return new PreconditionFailedException("User " + id + " is at version " + current
                                               + ", not the version in If-Match; read it again before changing it.");
    }
}
