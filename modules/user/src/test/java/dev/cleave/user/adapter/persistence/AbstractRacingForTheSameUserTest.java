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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import dev.cleave.user.domain.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.ADMIN;
import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.T1;
import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.details;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Many requests at once for the same email or the same version: the database lets exactly one win and tells
 * every loser so, rather than failing or letting two win. A change without {@code If-Match} asked for no version, so
 * it applies to whichever is current and never fails a precondition, however many changes race it.
 *
 * <p>The cases; {@link RacingForTheSameUserOnH2Test} and {@link RacingForTheSameUserOnPostgresTest} run them on
 * each database the context supports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractRacingForTheSameUserTest extends UserDatabaseTest {
    private static final int RACERS = 16;
    // As many as the unconditional DELETEs that answered 412 while PUTs raced them, 14 times in 20.
    private static final int ROUNDS = 20;

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
                race(i -> db.users.update(ada.id(), 1L, details("Racer " + i, "ada@example.com"), T1));

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

    @Test
    void ofSixteenReplacesIfMatchingTheSameVersionOneWinsAndTheOthersFailThePrecondition() throws Exception {
        User ada = db.insert("Ada", "ada@example.com");

        List<Outcome<User>> outcomes = race(i -> db.service.replace(ADMIN, ada.id(), Optional.of(1L),
                                                                    details("Racer " + i, "ada@example.com")));

        List<User> winners = new ArrayList<>();
        for (Outcome<User> outcome : outcomes) {
            if (outcome.failure() == null) {
                winners.add(outcome.value());
            } else {
                assertInstanceOf(PreconditionFailedException.class, outcome.failure(), "a stale If-Match is a 412");
            }
        }
        assertEquals(1, winners.size(), "winners: " + winners);
        assertEquals(Optional.of(winners.getFirst()), db.users.find(ada.id()));
    }

    @Test
    void twentyReplacesWithoutIfMatchAllApplyOneAfterAnother() throws Exception {
        User ada = db.insert("Ada", "ada@example.com");

        List<Outcome<User>> outcomes = race(ROUNDS, i -> db.service.replace(ADMIN, ada.id(), Optional.empty(),
                                                                            details("Racer " + i, "ada@example.com")));

        List<Long> versions = new ArrayList<>();
        for (Outcome<User> outcome : outcomes) {
            if (outcome.failure() != null) {
                fail("a replace without If-Match applies to whatever version is current", outcome.failure());
            }
            versions.add(outcome.value().version());
        }
        versions.sort(null);
        assertEquals(LongStream.rangeClosed(2, ROUNDS + 1).boxed().toList(), versions);
        assertEquals(ROUNDS + 1, db.users.find(ada.id()).orElseThrow().version());
    }

    @Test
    void aDeleteWithoutIfMatchDeletesWhileReplacesKeepChangingTheUser() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            User user = db.insert("Round " + round, "round-" + round + "@example.com");
            AtomicBoolean deleteDone = new AtomicBoolean();

            // Racer 0 deletes once; the others replace again and again until the user is gone.
            List<Outcome<String>> outcomes = race(i -> {
                if (i == 0) {
                    try {
                        db.service.delete(ADMIN, user.id(), Optional.empty());
                        return "deleted";
                    } finally {
                        deleteDone.set(true);
                    }
                }
                while (!deleteDone.get()) {
                    try {
                        db.service.replace(ADMIN, user.id(), Optional.empty(), details("Racer " + i, user.email()));
                    } catch (NotFoundException gone) {
                        return "gone";
                    }
                }
                return "outlived";
            });

            if (outcomes.getFirst().failure() != null) {
                fail("round " + round + ": a delete without If-Match failed", outcomes.getFirst().failure());
            }
            for (Outcome<String> outcome : outcomes.subList(1, outcomes.size())) {
                if (outcome.failure() != null) {
                    fail("round " + round + ": a replace without If-Match failed", outcome.failure());
                }
            }
            assertEquals(Optional.empty(), db.users.find(user.id()), "round " + round);
        }
    }

    @Test
    void ofSixteenDeletesWithoutIfMatchOneDeletesAndTheOthersFindNoUser() throws Exception {
        User ada = db.insert("Ada", "ada@example.com");

        List<Outcome<Boolean>> outcomes = race(i -> {
            db.service.delete(ADMIN, ada.id(), Optional.empty());
            return true;
        });

        int deleted = 0;
        for (Outcome<Boolean> outcome : outcomes) {
            if (outcome.failure() == null) {
                deleted++;
            } else {
                assertInstanceOf(NotFoundException.class, outcome.failure(), "a user already deleted is a 404");
            }
        }
        assertEquals(1, deleted);
    }

    private interface Attempt<T> {
        T run(int racer);
    }

    private record Outcome<T>(T value, Throwable failure) {
    }

    // All racers wait at a gate, then go at once; each outcome is either a value or what was thrown.
    private static <T> List<Outcome<T>> race(Attempt<T> attempt) throws InterruptedException {
        return race(RACERS, attempt);
    }

    private static <T> List<Outcome<T>> race(int racers, Attempt<T> attempt) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(racers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
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
