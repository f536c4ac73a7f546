package dev.cleave.platform.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cleave.platform.api.UnavailableException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Overload is answered, not queued: work that cannot get a connection within the configured wait fails as
 * unavailable (which the web edge answers 503 with Retry-After), and the pool serves again once one is free.
 */
class WaitingForAConnectionTest {
    @TempDir
    Path dataDir;

    @Test
    void workThatFindsNoFreeConnectionWithinTheWaitIsUnavailableAndTheNextOneRuns() throws Exception {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("cleave.ledger.db.pool-size", "1",
                                                       "cleave.ledger.db.connection-wait", "300")))
                .build();
        try (ContextDatabase database = ContextDatabase.open(config, dataDir, "ledger", "ledger",
                                                             WaitingForAConnectionTest.class)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> database.inTransaction(connection -> {
                holding.countDown();
                awaitQuietly(release);
                return null;
            }));
            holding.await(10, TimeUnit.SECONDS);

            UnavailableException busy = assertThrows(UnavailableException.class,
                                                     () -> database.read(connection -> 1));
            assertEquals(Duration.ofSeconds(1), busy.retryAfter());
            assertInstanceOf(DataAccessException.class, busy.getCause(), "the pool's failure is kept for the log");

            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
            assertEquals(1, (int) database.<Integer>read(connection -> 1));
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
