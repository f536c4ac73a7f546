package dev.cleave.platform.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cleave.platform.spi.IdempotencyStore;
import dev.cleave.platform.spi.IdempotencyStore.Claim;
import dev.cleave.platform.spi.IdempotencyStore.StoredReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claiming an {@code Idempotency-Key} in the work's transaction: a key already taken is refused without a failed
 * statement, so the transaction goes on (PostgreSQL aborts a transaction at its first error); a concurrent claim
 * waits for the transaction that holds the key and is refused if it commits, takes the key if it rolls back, and is
 * told the key is in flight if it neither commits nor rolls back within the wait.
 *
 * <p>The cases; {@link ClaimingAnIdempotencyKeyOnH2Test} and {@link ClaimingAnIdempotencyKeyOnPostgresTest} run
 * them on each database a context may use.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractClaimingAnIdempotencyKeyTest {
    private static final String SCOPE = "POST /v1/things";
    private static final StoredReply REPLY =
            new StoredReply("fingerprint", 201, "/v1/things/1", "\"1\"", "{}".getBytes(StandardCharsets.UTF_8));

    private ContextDatabase database;
    private IdempotencyStore records;

    /** Opens a context's database, empty, with the platform's migrations. */
    abstract ContextDatabase openEmpty();

    @BeforeEach
    void open() {
        database = openEmpty();
        records = IdempotencyRecords.of(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aKeyAlreadyTakenIsRefusedAndTheTransactionGoesOn() {
        store("taken");

        records.inTransaction(() -> {
            assertEquals(Claim.TAKEN, records.claim(SCOPE, "taken", "fingerprint", Instant.now()));
            assertEquals(Claim.CLAIMED, records.claim(SCOPE, "free", "fingerprint", Instant.now()));
            records.complete(SCOPE, "free", REPLY);
            return null;
        });

        assertEquals(Optional.of(201), records.find(SCOPE, "free").map(StoredReply::status));
    }

    @Test
    void aKeyClaimedByAWorkThatFailedIsFreeAgain() {
        assertThrows(IllegalStateException.class, () -> records.inTransaction(() -> {
            records.claim(SCOPE, "failed", "fingerprint", Instant.now());
            throw new IllegalStateException("the work failed");
        }));

        assertTrue(records.find(SCOPE, "failed").isEmpty());
        store("failed");
        assertEquals(Optional.of(201), records.find(SCOPE, "failed").map(StoredReply::status));
    }

    @Test
    void aConcurrentClaimWaitsAndIsRefusedWhenTheHolderCommits() throws Exception {
        assertEquals(Claim.TAKEN, claimWhileHeld(true));
    }

    @Test
    void aConcurrentClaimWaitsAndTakesTheKeyWhenTheHolderRollsBack() throws Exception {
        assertEquals(Claim.CLAIMED, claimWhileHeld(false));
    }

    @Test
    void aConcurrentClaimIsToldTheKeyIsInFlightWhenTheHolderTakesTooLong() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> records.inTransaction(() -> {
            records.claim(SCOPE, "slow", "fingerprint", Instant.now());
            claimed.countDown();
            await(release);
            records.complete(SCOPE, "slow", REPLY);
            return null;
        }));
        try {
            claimed.await();
            Claim claim = records.inTransaction(() -> records.claim(SCOPE, "slow", "fingerprint", Instant.now()));
            assertEquals(Claim.IN_FLIGHT, claim);
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }
        assertEquals(Optional.of(201), records.find(SCOPE, "slow").map(StoredReply::status));
    }

    // Another transaction claims the key and holds it for half a second, then commits or rolls back; meanwhile
    // this one claims it too.
    private Claim claimWhileHeld(boolean commit) throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try {
                records.inTransaction(() -> {
                    records.claim(SCOPE, "contended", "fingerprint", Instant.now());
                    claimed.countDown();
                    sleep();
                    if (!commit) {
                        throw new IllegalStateException("the work failed");
                    }
                    records.complete(SCOPE, "contended", REPLY);
                    return null;
                });
            } catch (IllegalStateException expected) {
                // the holder rolled back
            }
        });
        claimed.await();
        Claim claim = records.inTransaction(() -> {
            Claim second = records.claim(SCOPE, "contended", "fingerprint", Instant.now());
            if (second == Claim.CLAIMED) {
                records.complete(SCOPE, "contended", REPLY);
            }
            return second;
        });
        holder.get(30, TimeUnit.SECONDS);
        assertFalse(records.find(SCOPE, "contended").isEmpty(), "whoever won stored a reply");
        return claim;
    }

    private void store(String key) {
        records.inTransaction(() -> {
            assertEquals(Claim.CLAIMED, records.claim(SCOPE, key, "fingerprint", Instant.now()));
            records.complete(SCOPE, key, REPLY);
            return null;
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
