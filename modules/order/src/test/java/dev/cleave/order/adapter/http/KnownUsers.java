package dev.cleave.order.adapter.http;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.UserSummary;

/**
 * An in-memory user directory standing in for the user context: tests register users, may forget them (a deleted
 * user), and may make the directory unable to answer, as a remote user service that is down would be.
 */
final class KnownUsers implements UserDirectory {
    /** How long a client is told to wait while the directory is down. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(7);

    private final Set<Long> ids = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastId = new AtomicLong(1_000);
    private volatile boolean down;

    /** Registers a new user; every call gives an id no other test uses. */
    long register() {
        long id = lastId.incrementAndGet();
        ids.add(id);
        return id;
    }

    /** An id that names no user, now or later. */
    long unknown() {
        return lastId.incrementAndGet();
    }

    /** Deletes a user: from now on the directory does not find it. */
    void delete(long id) {
        ids.remove(id);
    }

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    @Override
    public Optional<UserSummary> find(long id) {
        if (down) {
            throw new UnavailableException("The user directory cannot answer right now.", RETRY_AFTER, null);
        }
        return ids.contains(id)
                ? Optional.of(new UserSummary(id, "User " + id, "user" + id + "@example.com"))
                : Optional.empty();
    }
}
