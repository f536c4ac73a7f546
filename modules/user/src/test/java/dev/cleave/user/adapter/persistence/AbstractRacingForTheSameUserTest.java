package dev.cleave.user.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.user.domain.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.T1;
import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.details;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Many requests at once for the same email or the same version: the database lets exactly one win and tells
 * every loser so, rather than failing or letting two win.
 *
 * <p>The cases; {@link RacingForTheSameUserOnH2Test} and {@link RacingForTheSameUserOnPostgresTest} run them on
 * each database the context supports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractRacingForTheSameUserTest extends UserDatabaseTest {
    private static final int RACERS = 16;

    @Test
    void ofSixteenRegistrationsWithTheSameEmailExactlyOneWins() throws Exception {
        List<Outcome<User>> outcomes = race(i -> db.insert("Racer " + i, "racer@example.com"));

        List<User> winners = new ArrayList<>();
        for (Outcome<User> outcome : outcomes) {
            if (outcome.failure() == null) {
                winners.add(outcome.value());
            } else {
                assertInstanceOf(ConflictException.class, outcome.failure(), "a loser must see a conflict");
            }
        }
        assertEquals(1, winners.size(), "winners: " + winners);
        List<User> stored = db.users.list(null, 100).items();
        assertEquals(winners, stored);
    }

    @Test
    void ofSixteenUpdatesOfTheSameVersionExactlyOneWins() throws Exception {
        User ada = db.insert("Ada", "ada@example.com");

        List<Outcome<Optional<User>>> outcomes =
                race(i -> db.users.update(ada.id(), 1, details("Racer " + i, "ada@example.com"), T1));

        List<User> winners = new ArrayList<>();
        for (Outcome<Optional<User>> outcome : outcomes) {
            if (outcome.failure() != null) {
                fail("a lost update must come back empty, not fail", outcome.failure());
            }
            outcome.value().ifPresent(winners::add);
        }
        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals(2, winners.getFirst().version());
        assertEquals(Optional.of(winners.getFirst()), db.users.find(ada.id()));
    }

    private interface Attempt<T> {
        T run(int racer);
    }

    private record Outcome<T>(T value, Throwable failure) {
    }

    // All racers wait at a gate, then go at once; each outcome is either a value or what was thrown.
    private static <T> List<Outcome<T>> race(Attempt<T> attempt) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(RACERS);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return attempt.run(racer);
                };
                futures.add(pool.submit(task));
            }
            ready.await();
            go.countDown();
            List<Outcome<T>> outcomes = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    outcomes.add(new Outcome<>(future.get(30, TimeUnit.SECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    outcomes.add(new Outcome<>(null, e));
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
