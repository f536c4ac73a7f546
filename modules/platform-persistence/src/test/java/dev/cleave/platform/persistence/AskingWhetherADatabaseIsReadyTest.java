package dev.cleave.platform.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A context's database as a readiness check: up while it answers, down within a second when it does not (here: its
 * one pooled connection is taken, so asking for another waits the pool's five seconds), and down, not failing, once
 * the pool is closed; never with data that could name the server or the driver.
 */
class AskingWhetherADatabaseIsReadyTest {
    // The check waits a second for an answer; this leaves room for a slow machine, and none for the pool's 5 s.
    private static final Duration PROMPTLY = Duration.ofMillis(2_500);

    @TempDir
    Path dataDir;
    private ContextDatabase database;
    private HealthCheck check;

    @BeforeEach
    void open() {
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("cleave.ledger.db.pool-size", "1")))
                .build();
        database = ContextDatabase.open(config, dataDir, "ledger", "ledger", AskingWhetherADatabaseIsReadyTest.class);
        check = database.healthCheck();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aDatabaseThatAnswersIsReady() {
        HealthCheckResponse response = check.call();

        assertEquals(HealthCheckType.READINESS, check.type());
        assertEquals("ledger-database", check.name());
        assertEquals(HealthCheckResponse.Status.UP, response.status());
        assertTrue(response.details().isEmpty(), response.details().toString());
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsNotReadyWithinASecondAndReadyAgainOnceItAnswers() throws Exception {
        try (Connection taken = database.dataSource().getConnection()) {
            for (int probe = 0; probe < 3; probe++) {
                long asked = System.nanoTime();
                HealthCheckResponse response = check.call();
                Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);

                assertEquals(HealthCheckResponse.Status.DOWN, response.status(), "probe " + probe);
                assertTrue(answeredIn.compareTo(PROMPTLY) < 0, "probe " + probe + " took " + answeredIn.toMillis()
                                                               + " ms");
                assertTrue(response.details().isEmpty(), response.details().toString());
            }
            assertTrue(taken.isValid(1));
        }
        awaitUp();
    }

    @Test
    void aClosedDatabaseIsNotReadyAndItsCheckThrowsNothing() {
        database.close();

        HealthCheckResponse response = check.call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.status());
        assertTrue(response.details().isEmpty(), response.details().toString());
    }

    // The question still waiting for the taken connection is answered once it is back; the next probe is up.
    private void awaitUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (check.call().status() != HealthCheckResponse.Status.UP) {
            assertTrue(System.nanoTime() < deadline, "the database answers again, but the check is still down");
            Thread.sleep(50);
        }
    }
}
