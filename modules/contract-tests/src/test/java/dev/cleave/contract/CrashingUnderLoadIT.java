package dev.cleave.contract;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kill -9} of each split service in turn, three rounds, under steady writes, with a restart after each: what
 * a crash may not cost. Every user and order that got a {@code 201} is readable afterwards with its content, every
 * user whose deletion got a {@code 204} has each of their orders cancelled exactly once (one {@code OrderCancelled}
 * in the order outbox), and both outboxes drain to zero. Requests that met the crash may fail in any way; only what
 * was confirmed is checked. Both contexts run on PostgreSQL, the events go through RabbitMQ.
 */
class CrashingUnderLoadIT {
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 3;
    private static final Duration BETWEEN_CRASHES = Duration.ofMillis(1500);

    @TempDir
    Path dataDir;
    private PostgresFixture postgres;
    private Services services;
    private Api api;

    private final Map<Long, JsonNode> users = new ConcurrentHashMap<>();
    private final Map<Long, Long> userOfOrder = new ConcurrentHashMap<>();
    private final Map<Long, JsonNode> orders = new ConcurrentHashMap<>();
    private final Map<Long, Boolean> deleted = new ConcurrentHashMap<>();

    @BeforeEach
    void start() {
        postgres = PostgresFixture.forContexts(Map.of("user", "users", "order", "orders"));
        postgres.create();
        // A load test measures what the services do under load, not the rate limits: off, as for benchmarks.
        services = Services.start(dataDir, Broker.create(), 5672, List.of("user", "order"),
                                  Map.of("user", withoutRateLimit(Services.onPostgres(postgres, "user")),
                                         "order", withoutRateLimit(Services.onPostgres(postgres, "order"))));
        api = Api.split(services.service("user").baseUri(), services.service("order").baseUri());
    }

    @AfterEach
    void stop() {
        services.close();
        postgres.close();
    }

    @Test
    void everythingConfirmedSurvivesKillingEachServiceInTurnUnderLoad() throws InterruptedException {
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            // The writers meet services killed mid-request and count only what comes back; the reads afterwards,
            // through the checked api, hold the survivors against the served document.
            Api client = Api.split(services.service("user").baseUri(), services.service("order").baseUri())
                    .unchecked();
            clients.add(Thread.ofPlatform().name("writer-" + i).start(() -> write(client, writing)));
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (String service : List.of("user", "order")) {
                Eventually.sleep(BETWEEN_CRASHES);
                services.service(service).kill();
                services.restart(service);
            }
        }
        Eventually.sleep(BETWEEN_CRASHES);
        writing.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofSeconds(40).toMillis());
        }

        assertTrue(users.size() > 50 && orders.size() > 50 && deleted.size() > 10,
                   "too little load to tell: " + users.size() + " users, " + orders.size() + " orders, "
                   + deleted.size() + " deletions");
        users.forEach((id, user) -> {
            Api.Reply read = api.get("/v1/users/" + id);
            assertEquals(deleted.containsKey(id) ? 404 : 200, read.status(), () -> "user " + id + ": " + read);
            if (!deleted.containsKey(id)) {
                assertEquals(user, read.json());
            }
        });
        OrderOutbox cancellations = OrderOutbox.on(postgres);
        orders.forEach((id, order) -> {
            if (deleted.containsKey(userOfOrder.get(id))) {
                JsonNode cancelled = cancellations.awaitCancelledOnceForDeletedUser(api, id);
                assertEquals(order.get("items"), cancelled.get("items"));
                assertEquals(order.get("totalCents"), cancelled.get("totalCents"));
            } else {
                assertEquals(order, api.get("/v1/orders/" + id).json());
            }
        });
        for (String context : List.of("user", "order")) {
            Eventually.awaitEquals(context + " outbox drained", OrderOutbox.WITHIN, 0L, () -> outstanding(context));
        }
    }

    // Rounds of a user, an order for them and, every third round, the user's deletion; until told to stop. A
    // request that fails (a service is down, a reply lost in a crash) is not counted, and the round starts over.
    private void write(Api client, AtomicBoolean writing) {
        for (int round = 0; writing.get(); round++) {
            try {
                Api.Reply user = client.postJson("/v1/users", "{\"name\":\"Crash " + round + "\",\"email\":\""
                                                              + ContractSuite.uniqueEmail() + "\"}");
                if (user.status() != 201) {
                    pause();
                    continue;
                }
                long userId = user.json().get("id").asLong();
                users.put(userId, user.json());
                Api.Reply order = client.postJson("/v1/orders", ContractSuite.order(userId));
                if (order.status() == 201) {
                    orders.put(order.json().get("id").asLong(), order.json());
                    userOfOrder.put(order.json().get("id").asLong(), userId);
                }
                if (round % 3 == 2) {
                    delete(client, userId);
                }
            } catch (UncheckedIOException e) {
                pause();
            }
        }
    }

    private void delete(Api client, long userId) {
        int status;
        try {
            status = client.delete("/v1/users/" + userId).status();
        } catch (UncheckedIOException e) {
            status = -1;
        }
        if (status == 204) {
            deleted.put(userId, true);
        } else {
            // Whether it was deleted is unknown (the reply may be lost in a crash): nothing about this user is checked.
            forget(userId);
        }
    }

    private void forget(long userId) {
        users.remove(userId);
        userOfOrder.entrySet().removeIf(entry -> {
            if (entry.getValue() == userId) {
                orders.remove(entry.getKey());
                return true;
            }
            return false;
        });
    }

    private static void pause() {
        Eventually.sleep(Duration.ofMillis(50));
    }

    private long outstanding(String context) {
        try (Connection connection = postgres.connect(context);
             Statement count = connection.createStatement();
             ResultSet row = count.executeQuery("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the " + context + " outbox", e);
        }
    }

    private static Map<String, String> withoutRateLimit(Map<String, String> environment) {
        Map<String, String> unlimited = new HashMap<>(environment);
        unlimited.put("CLEAVE_RATE_LIMIT", "off");
        return unlimited;
    }
}
