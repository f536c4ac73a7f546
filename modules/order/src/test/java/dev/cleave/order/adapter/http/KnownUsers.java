package dev.cleave.order.adapter.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.UserSummary;

/**
 * An in-memory user directory standing in for the user context: tests register users, may forget them (a deleted
 * user), may make the directory unable to answer, as a remote user service that is down would be, and may freeze it:
 * every lookup then waits until it thaws, as a call to a frozen user service does until its timeout.
 */
final class KnownUsers implements UserDirectory {
    /** How long a client is told to wait while the directory is down. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(7);

    // Each known user's owner; users an admin registered have none.
    private final Map<Long, Optional<String>> owners = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong(1_000);
    private volatile boolean down;
    private volatile CountDownLatch frozen = new CountDownLatch(0);
    private final AtomicInteger waiting = new AtomicInteger();

    /** Registers a new user no customer owns; every call gives an id no other test uses. */
    long register() {
        long id = lastId.incrementAndGet();
        owners.put(id, Optional.empty());
        return id;
    }

    /** Registers a new user a customer owns. */
    long registerOwnedBy(String owner) {
        long id = lastId.incrementAndGet();
        owners.put(id, Optional.of(owner));
        return id;
    }

    /** An id that names no user, now or later. */
    long unknown() {
        return lastId.incrementAndGet();
    }

    /** Deletes a user: from now on the directory does not find it. */
    void delete(long id) {
        owners.remove(id);
    }

    void goDown() {
        down = true;
    }

    void comeBack() {
        down = false;
    }

    /** From now on every lookup waits until {@link #thaw()}. */
    void freeze() {
        frozen = new CountDownLatch(1);
    }

    void thaw() {
        frozen.countDown();
    }

    /** How many lookups are waiting for the directory to thaw. */
    int waiting() {
        return waiting.get();
    }

    @Override
    public Optional<UserSummary> find(long id) {
        awaitThaw();
        if (down) {
            throw new UnavailableException("The user directory cannot answer right now.", RETRY_AFTER, null);
        }
        Optional<String> owner = owners.get(id);
        return owner == null ? Optional.empty()
                : Optional.of(new UserSummary(id, "User " + id, "user" + id + "@example.com", owner.orElse(null)));
    }

    private void awaitThaw() {
        CountDownLatch latch = frozen;
        if (latch.getCount() == 0) {
            return;
        }
        waiting.incrementAndGet();
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the directory was never thawed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            waiting.decrementAndGet();
        }
    }
}
