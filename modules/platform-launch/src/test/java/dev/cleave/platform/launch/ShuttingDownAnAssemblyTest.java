package dev.cleave.platform.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.cleave.platform.testing.Eventually;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An assembly asked to stop, as on {@code SIGTERM}: readiness goes down at once while it goes on serving for the
 * drain, each response asking the client to close its connection, and only then does it stop listening.
 */
class ShuttingDownAnAssemblyTest {
    private static final Duration DRAIN = Duration.ofMillis(800);

    @TempDir
    Path dataDir;

    @Test
    void readinessGoesDownAtOnceAndTheAssemblyServesThroughTheDrainThenStops() throws InterruptedException {
        RunningAssembly assembly = Launcher.start("test", TestConfigs.assembly(dataDir, Map.of(
                "cleave.shutdown.drain", Long.toString(DRAIN.toMillis()))), List.of(FakeContext.withHealthChecks("a")));
        WebClient client = TestConfigs.client(dataDir, assembly.port());
        assertEquals(200, client.get("/observe/health/ready").request(String.class).status().code());

        long asked = System.nanoTime();
        Thread stopping = Thread.ofPlatform().start(assembly::drainThenClose);
        Eventually.awaitEquals("readiness down", Duration.ofMillis(300), 503,
                               () -> client.get("/observe/health/ready").request(String.class).status().code());
        ClientResponseTyped<String> ready = client.get("/observe/health/ready").request(String.class);
        ClientResponseTyped<String> live = client.get("/observe/health/live").request(String.class);
        stopping.join(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - asked);

        assertTrue(ready.entity().contains("\"name\":\"shutdown\""), ready.entity());
        assertEquals(200, live.status().code(), "still serving during the drain: " + live.entity());
        assertTrue(live.headers().contains(HeaderValues.CONNECTION_CLOSE), () -> live.headers().toString());
        assertTrue(took.compareTo(DRAIN) >= 0, "stopped after " + took.toMillis() + " ms, before the drain ended");
        assertThrows(RuntimeException.class, () -> client.get("/observe/health/live").request(String.class),
                     "still listening after the stop");
    }
}
