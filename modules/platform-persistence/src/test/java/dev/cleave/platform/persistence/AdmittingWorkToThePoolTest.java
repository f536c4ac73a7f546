package dev.cleave.platform.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.cleave.platform.api.UnavailableException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrency in front of a context's pool is bounded: once every connection is taken and
 * {@code cleave.<context>.db.max-waiting} callers wait for one, the next is refused at once as unavailable (503 with
 * Retry-After at the web edge) instead of waiting the whole connection wait; those already waiting are served.
 */
class AdmittingWorkToThePoolTest {
    // Long, so a refusal that waited for it could not pass for one made at once.
    private static final String CONNECTION_WAIT_MILLIS = "10000";

    @TempDir
    Path dataDir;

    @Test
    void workBeyondThePoolAndItsWaitingLineIsRefusedAtOnceAndTheWaitingWorkRuns() throws Exception {
        Config config = Config.just(ConfigSources.create(Map.of("cleave.ledger.db.pool-size", "1",
                                                                "cleave.ledger.db.max-waiting", "1",
                                                                "cleave.ledger.db.connection-wait",
                                                                CONNECTION_WAIT_MILLIS)));
        try (ContextDatabase database = ContextDatabase.open(config, dataDir, "ledger", "ledger",
                                                             AdmittingWorkToThePoolTest.class);
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> holder = CompletableFuture.supplyAsync(() -> database.inTransaction(c -> {
                holding.countDown();
                awaitQuietly(release);
                return 1;
            }), callers);
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> database.read(c -> 2), callers);
            // The waiting caller has taken its place in the line once it is blocked in the pool.
            Thread.sleep(300);

            Instant sent = Instant.now();
            UnavailableException busy = assertThrows(UnavailableException.class, () -> database.read(c -> 3));
            Duration took = Duration.between(sent, Instant.now());

            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, () -> "refused only after " + took);
            assertEquals(Duration.ofSeconds(1), busy.retryAfter());
            release.countDown();
            assertEquals(1, holder.get(10, TimeUnit.SECONDS));
            assertEquals(2, waiting.get(10, TimeUnit.SECONDS), "the caller in the line was served");
            assertEquals(4, (int) database.<Integer>read(c -> 4), "and the pool admits work again");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
