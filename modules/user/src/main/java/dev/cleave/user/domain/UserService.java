package dev.cleave.user.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.EventPublisher;
import dev.cleave.platform.api.ForbiddenException;
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
 * its event in the change's own transaction: {@link UserRegistered}, {@link UserUpdated}, {@link UserDeleted}, each
 * naming the caller that acted.
 *
 * <p>Who may do what is decided here, not in an adapter: an admin may do everything on any user; any other caller
 * is a customer, who owns at most one user (the one it registered) and may read, replace and delete only that one.
 * Someone else's user is answered exactly like one that does not exist. Listing every user is for admins only. A
 * service caller (another Cleave service) may also read any user, for the directory lookup it needs.
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
     * Registers a user. A customer's registration is bound to it: the user is the one it owns. An admin's is owned
     * by no customer.
     *
     * @param caller  who registers it
     * @param details the checked details
     * @return the new user
     * @throws ConflictException if a current user has the email, or the customer already owns a user
     */
    public User register(Caller caller, UserDetails details) {
        String owner = caller.isAdmin() ? null : caller.subject();
        return transactions.inTransaction(() -> {
            User user = users.insert(details, owner, caller.subject(), now());
            events.publish(new UserRegistered(UUID.randomUUID(), user.createdAt(), user.id(), user.version(),
                                              user.name(), user.email(), caller.subject()));
            return user;
        });
    }

    /**
     * Reads a current user.
     *
     * @param caller who asks
     * @param id     the id
     * @return the user
     * @throws NotFoundException if there is none, or it is not the caller's to see
     */
    public User get(Caller caller, long id) {
        return users.find(id).filter(user -> caller.isService() || caller.owns(user.ownedBy()))
                .orElseThrow(() -> notFound(id));
    }

    // Changes need ownership; a service's read access is not enough.
    private User owned(Caller caller, long id) {
        return users.find(id).filter(user -> caller.owns(user.ownedBy())).orElseThrow(() -> notFound(id));
    }

    /**
     * Replaces a user's details. Without an expected version the change applies to whatever version is current,
     * however many changes race it; only a change that named a version can fail its precondition.
     *
     * @param caller          who changes it
     * @param id              the id
     * @param expectedVersion the version the client based the change on, if it said so
     * @param details         the new details
     * @return the changed user
     * @throws NotFoundException           if there is no such user, or it is not the caller's
     * @throws PreconditionFailedException if an expected version was given and the user is not at it
     * @throws ConflictException           if another user has the email
     */
    public User replace(Caller caller, long id, Optional<Long> expectedVersion, UserDetails details) {
        User current = owned(caller, id);
        if (expectedVersion.isPresent() && expectedVersion.get() != current.version()) {
            throw versionMismatch(id, current.version());
        }
        Optional<User> updated = transactions.inTransaction(() -> {
            Optional<User> changed = users.update(id, expectedVersion.orElse(null), details, now());
            changed.ifPresent(user -> events.publish(new UserUpdated(UUID.randomUUID(), user.updatedAt(), user.id(),
                                                                     user.version(), user.name(), user.email(),
                                                                     caller.subject())));
            return changed;
        });
        return updated.orElseThrow(() -> lostTo(id, expectedVersion));
    }

    /**
     * Deletes a user; its email may then register again. Without an expected version whatever version is current
     * is deleted, however many changes race it; only a deletion that named a version can fail its precondition.
     *
     * @param caller          who deletes it
     * @param id              the id
     * @param expectedVersion the version the client saw, if it said so
     * @throws NotFoundException           if there is no such user, or it is not the caller's
     * @throws PreconditionFailedException if an expected version was given and the user is not at it
     */
    public void delete(Caller caller, long id, Optional<Long> expectedVersion) {
        transactions.inTransaction(() -> {
            User current = owned(caller, id);
            if (expectedVersion.isPresent() && expectedVersion.get() != current.version()) {
                throw versionMismatch(id, current.version());
            }
            OptionalLong deleted = users.delete(id, expectedVersion.orElse(null));
            if (deleted.isEmpty()) {
                throw lostTo(id, expectedVersion);
            }
            events.publish(new UserDeleted(UUID.randomUUID(), now(), id, deleted.getAsLong() + 1,
                                          caller.subject()));
            return null;
        });
    }

    /**
     * Lists users in ascending id order: every user, so for admins only.
     *
     * @param caller  who asks
     * @param afterId the last id already seen, or {@code null}
     * @param limit   the page size
     * @return the page
     * @throws ForbiddenException if the caller is no admin
     */
    public Slice<User> list(Caller caller, Long afterId, int limit) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Listing every user needs the admin role; read your own user by its id.");
        }
        return users.list(afterId, limit);
    }

    @Override
    public Optional<UserSummary> find(long id) {
        return users.find(id).map(user -> new UserSummary(user.id(), user.name(), user.email(), user.owner()));
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
        return versionMismatch(id, users.find(id).orElseThrow(() -> notFound(id)).version());
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No user with id " + id + ".");
    }

    private static PreconditionFailedException versionMismatch(long id, long current) {
        return new PreconditionFailedException("User " + id + " is at version " + current
                                               + ", not the version in If-Match; read it again before changing it.");
    }
}
