package dev.cleave.platform.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.web.Json;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What orchestrators see at {@code /observe/health/live} and {@code /observe/health/ready}: liveness is the process
 * alone, so a lost database never gets a healthy process restarted; readiness is the database, the relays and the
 * dead letters; and the public port shows statuses and figures, never a class name, an exception's text, an address
 * or a queue name.
 */
class ProbingTheHealthOfAnAssemblyTest {
    private static final String LIVE = "/observe/health/live";
    private static final String READY = "/observe/health/ready";
    // A liveness probe is answered from memory; this is far more than that takes, and far less than a pool's wait.
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    @TempDir
    Path dataDir;

    @Test
    void withItsDatabaseGoneLivenessIsUpAtOnceAndReadinessDownNamingNoClassNorAddress() {
        ContextWithADatabase ledger = new ContextWithADatabase("ledger");
        try (RunningAssembly assembly = Launcher.start("test", config(), List.of(ledger))) {
            WebClient client = client(assembly);
            ledger.database().close();

            long asked = System.nanoTime();
            ClientResponseTyped<String> live = client.get(LIVE).request(String.class);
            Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);
            ClientResponseTyped<String> ready = client.get(READY).request(String.class);

            assertEquals(200, live.status().code(), live.entity());
            assertTrue(answeredIn.compareTo(AT_ONCE) < 0, "liveness took " + answeredIn.toMillis() + " ms");
            assertEquals(503, ready.status().code(), ready.entity());
            assertEquals("DOWN", check(ready.entity(), "ledger-database").get("status").asText());
            assertShowsNothingSecret(live.entity());
            assertShowsNothingSecret(ready.entity());
        }
    }

    @Test
    void aContextWithADeadLetterIsReadyButDegradedWithTheCountAndLivenessStaysUp() {
        ContextWithADatabase ledger = new ContextWithADatabase("ledger");
        // Its dead letters are in its own database, and its own outbox's readiness check counts them.
        ContextWithADatabase audit = ContextWithADatabase.refusingTheEventsOf("audit", "ledger");
        try (RunningAssembly assembly = Launcher.start("test", config(), List.of(ledger, audit))) {
            WebClient client = client(assembly);
            ledger.outbox().publish(SomethingHappened.to(1));

            Eventually.awaitEquals("the dead letter counted", 1L,
                                   () -> check(client.get(READY).request(String.class).entity(), "audit-outbox")
                                           .get("data").get("deadLetters").asLong());
            ClientResponseTyped<String> ready = client.get(READY).request(String.class);
            ClientResponseTyped<String> live = client.get(LIVE).request(String.class);

            assertEquals(200, ready.status().code(), "one set-aside event takes no replica out: " + ready.entity());
            JsonNode outbox = check(ready.entity(), "audit-outbox");
            assertEquals("UP", outbox.get("status").asText(), ready.entity());
            assertTrue(outbox.get("data").get("degraded").asBoolean(), ready.entity());
            assertEquals(0, outbox.get("data").get("outstanding").asLong(), ready.entity());
            assertEquals("UP", check(ready.entity(), "audit-database").get("status").asText(), ready.entity());
            assertEquals(200, live.status().code(), live.entity());
            assertFalse(live.entity().contains("-outbox"), "liveness checks the process only: " + live.entity());
            assertShowsNothingSecret(ready.entity());
        }
    }

    @Test
    void aHealthCheckThatThrowsIsDownAndShowsNeitherItsClassNorItsMessage() {
        HealthCheck throwing = check("ledger-vault", () -> {
            throw new IllegalStateException("cannot reach jdbc:postgresql://10.0.0.7:5432/vault as admin");
        });
        try (RunningAssembly assembly = Launcher.start("test", config(),
                                                       List.of(FakeContext.withHealthChecks("ledger", throwing)))) {
            ClientResponseTyped<String> ready = client(assembly).get(READY).request(String.class);

            assertEquals(503, ready.status().code(), ready.entity());
            assertEquals("DOWN", check(ready.entity(), "ledger-vault").get("status").asText(), ready.entity());
            assertShowsNothingSecret(ready.entity());
            assertFalse(ready.entity().contains("10.0.0.7"), ready.entity());
        }
    }

    @Test
    void onThePublicPortAHealthCheckShowsItsFiguresAndNoneOfItsWords() {
        HealthCheck wordy = check("ledger-queue", () -> HealthCheckResponse.builder()
                .status(true)
                .detail("waiting", 3)
                .detail("draining", true)
                .detail("queue", "cleave.ledger.from-user")
                .detail("broker", "amqp://10.0.0.8:5672/")
                .build());
        try (RunningAssembly assembly = Launcher.start("test", config(),
                                                       List.of(FakeContext.withHealthChecks("ledger", wordy)))) {
            ClientResponseTyped<String> ready = client(assembly).get(READY).request(String.class);

            assertEquals(200, ready.status().code(), ready.entity());
            JsonNode data = check(ready.entity(), "ledger-queue").get("data");
            assertEquals(3, data.get("waiting").asInt(), ready.entity());
            assertTrue(data.get("draining").asBoolean(), ready.entity());
            assertFalse(data.has("queue"), ready.entity());
            assertFalse(data.has("broker"), ready.entity());
            assertShowsNothingSecret(ready.entity());
        }
    }

    // Class names, exception texts, JDBC and AMQP addresses, queue and exchange names (cleave.<context>...), paths.
    private void assertShowsNothingSecret(String body) {
        for (String secret : List.of("dev.cleave", "Exception", "jdbc:", "amqp://", "cleave.", dataDir.toString())) {
            assertFalse(body.contains(secret), "health shows " + secret + ": " + body);
        }
    }

    private static JsonNode check(String body, String name) {
        try {
            for (JsonNode check : Json.mapper().readTree(body).get("checks")) {
                if (check.get("name").asText().equals(name)) {
                    return check;
                }
            }
        } catch (IOException e) {
            fail("health is not JSON: " + body, e);
        }
        return fail("no check " + name + " in " + body);
    }

    private static HealthCheck check(String name, Supplier<HealthCheckResponse> call) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return call.get();
            }
        };
    }

    private static WebClient client(RunningAssembly assembly) {
        return WebClient.builder().baseUri("http://127.0.0.1:" + assembly.port()).build();
    }

    private Config config() {
        return TestConfigs.assembly(dataDir, Map.of());
    }
}
