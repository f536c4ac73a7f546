package dev.cleave.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order service when the user service is down, frozen or back: placing an order answers 503 with
 * {@code Retry-After} within 2.5 s and creates nothing, reading orders keeps working, and placing orders recovers
 * by itself once the user service answers again. Keyed orders ask the user service before their transaction opens, so
 * a storm of them against a frozen user service holds no connection that reads need.
 */
class UserServiceOutageIT {
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(2500);
    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(30);
    private static final int KEYED_STORM = 64;
    // What a read would wait if the storm held the connections it needs: at least the user client's read timeout
    // (700 ms) per held connection. The bound sits well below that and well above what two busy cores add to a
    // 5 ms read while 64 requests arrive at once (up to about 150 ms here), so it tells isolation from noise.
    private static final Duration READ_P99_WITHIN = Duration.ofMillis(400);

    @TempDir
    Path dataDir;
    private SplitServices services;
    private Api api;

    @BeforeEach
    void start() {
        services = SplitServices.start(dataDir);
        api = services.api();
    }

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void whileTheUserServiceIsDownOrdersAreRefusedQuicklyAndReadsWork() {
        long userId = register();
        long placed = place(userId).get("id").asLong();

        services.userService().kill();
        for (int i = 0; i < 12; i++) {
            assertRefusedQuickly(userId);
        }
        Api.Reply read = api.get("/v1/orders/" + placed);
        assertEquals(200, read.status(), read::toString);
        assertEquals(1, api.get("/v1/orders?userId=" + userId).json().get("items").size(), "nothing was created");

        services.restartUserService();
        awaitOrdersAccepted(userId);
        assertEquals(2, api.get("/v1/orders?userId=" + userId).json().get("items").size());
    }

    @Test
    void whileTheUserServiceHangsOrdersAreRefusedWithinTheDeadline() {
        long userId = register();

        services.userService().freeze();
        try {
            for (int i = 0; i < 3; i++) {
                assertRefusedQuickly(userId);
            }
        } finally {
            services.userService().thaw();
        }
        awaitOrdersAccepted(userId);
    }

    @Test
    void keyedOrdersAgainstAFrozenUserServiceAreRefusedInTimeWhileReadsStayFast() throws Exception {
        long userId = register();
        place(userId);
        for (int i = 0; i < 50; i++) {
            assertEquals(200, api.get("/v1/orders?limit=10").status(), "warming up the read path");
        }

        // The storm from a client of its own, as from other callers: the reader's warm connection and its client's
        // selector are not the ones opening 64 connections at once.
        Api storming = services.api();
        services.userService().freeze();
        List<Duration> refusals = new ArrayList<>();
        List<Duration> reads = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Duration>> storm = new ArrayList<>();
            for (int i = 0; i < KEYED_STORM; i++) {
                storm.add(clients.submit(() -> refusedWithKey(storming, userId)));
            }
            while (!storm.stream().allMatch(Future::isDone)) {
                Instant sent = Instant.now();
                Api.Reply read = api.get("/v1/orders?limit=10");
                reads.add(Duration.between(sent, Instant.now()));
                assertEquals(200, read.status(), read::toString);
                sleep(Duration.ofMillis(10));
            }
            for (Future<Duration> refusal : storm) {
                refusals.add(refusal.get(30, TimeUnit.SECONDS));
            }
        } finally {
            services.userService().thaw();
        }

        Duration slowest = refusals.stream().max(Duration::compareTo).orElseThrow();
        assertTrue(slowest.compareTo(ANSWER_WITHIN) < 0, () -> "the slowest 503 took " + slowest);
        assertTrue(reads.size() >= 10, () -> "only " + reads.size() + " reads during the storm");
        List<Duration> sorted = reads.stream().sorted().toList();
        Duration p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        assertTrue(p99.compareTo(READ_P99_WITHIN) < 0,
                   () -> "reads' p99 was " + p99 + "; the reads in the order sent: " + reads);
        assertEquals(1, api.get("/v1/orders?userId=" + userId).json().get("items").size(), "nothing was created");
    }

    private static Duration refusedWithKey(Api client, long userId) {
        Instant sent = Instant.now();
        Api.Reply refused = client.postJson("/v1/orders", ContractSuite.order(userId),
                                         "Idempotency-Key", UUID.randomUUID().toString());
        Duration took = Duration.between(sent, Instant.now());
        ContractSuite.assertProblem(refused, 503);
        assertTrue(refused.header("Retry-After").map(Long::parseLong).orElse(0L) >= 1, refused::toString);
        return took;
    }

    private long register() {
        Api.Reply user = api.postJson("/v1/users", "{\"name\":\"Outage\",\"email\":\"" + ContractSuite.uniqueEmail()
                                                   + "\"}");
        assertEquals(201, user.status(), user::toString);
        return user.json().get("id").asLong();
    }

    private JsonNode place(long userId) {
        Api.Reply order = api.postJson("/v1/orders", ContractSuite.order(userId));
        assertEquals(201, order.status(), order::toString);
        return order.json();
    }

    private void assertRefusedQuickly(long userId) {
        Instant sent = Instant.now();
        Api.Reply refused = api.postJson("/v1/orders", ContractSuite.order(userId));
        Duration took = Duration.between(sent, Instant.now());

        ContractSuite.assertProblem(refused, 503);
        assertTrue(refused.header("Retry-After").map(Long::parseLong).orElse(0L) >= 1, refused::toString);
        assertTrue(took.compareTo(ANSWER_WITHIN) < 0, () -> "503 took " + took);
    }

    private void awaitOrdersAccepted(long userId) {
        Instant deadline = Instant.now().plus(RECOVERY_WITHIN);
        Api.Reply last = null;
        while (Instant.now().isBefore(deadline)) {
            last = api.postJson("/v1/orders", ContractSuite.order(userId));
            if (last.status() == 201) {
                return;
            }
            assertEquals(503, last.status(), last::toString);
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("orders were not accepted again within " + RECOVERY_WITHIN + "; last: " + last);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
