package dev.cleave.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several instances of one service on one PostgreSQL database, as production scales out: requests spread over
 * them see one state, idempotency keys hold across them, and their outbox relays share the work without
 * delivering an event twice or leaving one behind.
 */
class ReplicasOnPostgresIT {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of("user", "users", "order", "orders"));

    @TempDir
    Path dataDir;

    @Test
    void twoOrderServicesOnOneDatabaseServeEveryOrderAndHonourKeysAcrossThem() {
        try (Broker broker = Broker.create();
             // On the shared database too: a fresh embedded one would hand out user ids the order schema has seen.
             AssemblyProcess users = userService(broker, "user");
             AssemblyProcess first = orderService(broker, users, "order-1");
             AssemblyProcess second = orderService(broker, users, "order-2")) {
            Api userApi = new Api(users.baseUri());
            List<Api> orderApis = List.of(new Api(first.baseUri()), new Api(second.baseUri()));
            long userId = register(userApi);

            List<JsonNode> placed = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Api.Reply order = orderApis.get(i % 2).postJson("/v1/orders", ContractSuite.order(userId));
                assertEquals(201, order.status(), order::toString);
                placed.add(order.json());
            }
            for (JsonNode order : placed) {
                for (Api api : orderApis) {
                    assertEquals(order, api.get("/v1/orders/" + order.get("id").asLong()).json());
                }
            }

            String key = "replicated-" + ContractSuite.uniqueEmail();
            Api.Reply created = orderApis.get(0).postJson("/v1/orders", ContractSuite.order(userId),
                                                          "Idempotency-Key", key);
            Api.Reply replayed = orderApis.get(1).postJson("/v1/orders", ContractSuite.order(userId),
                                                           "Idempotency-Key", key);
            assertEquals(201, replayed.status(), replayed::toString);
            assertEquals(created.json(), replayed.json());
            ContractSuite.assertProblem(orderApis.get(1).postJson("/v1/orders", "{\"userId\":" + userId
                    + ",\"items\":[{\"sku\":\"X\",\"quantity\":9,\"unitPriceCents\":1}]}", "Idempotency-Key", key), 422);
            assertEquals(7, orderApis.get(1).get("/v1/orders?userId=" + userId).json().get("items").size());
        }
    }

    @Test
    void twoUserServicesOnOneDatabaseRelayEachEventOnceAndLeaveNoneBehind() {
        try (Broker broker = Broker.create();
             AssemblyProcess usersA = userService(broker, "user-a");
             AssemblyProcess usersB = userService(broker, "user-b");
             AssemblyProcess orders = orderService(broker, usersA, "order")) {
            List<Api> userApis = List.of(new Api(usersA.baseUri()), new Api(usersB.baseUri()));
            Api orderApi = new Api(orders.baseUri());
            Map<Long, Long> orderOfUser = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                long userId = register(userApis.get(i % 2));
                Api.Reply order = orderApi.postJson("/v1/orders", ContractSuite.order(userId));
                assertEquals(201, order.status(), order::toString);
                orderOfUser.put(userId, order.json().get("id").asLong());
            }
            int i = 0;
            for (long userId : orderOfUser.keySet()) {
                assertEquals(204, userApis.get(i++ % 2).delete("/v1/users/" + userId).status());
            }

            OrderOutbox outbox = OrderOutbox.on(POSTGRES);
            orderOfUser.values().forEach(orderId -> outbox.awaitCancelledOnceForDeletedUser(orderApi, orderId));
            for (Api api : userApis) {
                assertEquals(0, outstanding(api), "no event left in the shared outbox");
            }
        }
    }

    private AssemblyProcess orderService(Broker broker, AssemblyProcess users, String name) {
        Map<String, String> env = new HashMap<>(Services.onPostgres(POSTGRES, "order"));
        env.put("USER_SERVICE_URL", users.baseUri().toString());
        env.put("CLEAVE_AMQP_URL", broker.url());
        return AssemblyProcess.start("order", dataDir.resolve(name), env);
    }

    private AssemblyProcess userService(Broker broker, String name) {
        Map<String, String> env = new HashMap<>(Services.onPostgres(POSTGRES, "user"));
        env.put("CLEAVE_AMQP_URL", broker.url());
        return AssemblyProcess.start("user", dataDir.resolve(name), env);
    }


    private static long register(Api api) {
        Api.Reply user = api.postJson("/v1/users", "{\"name\":\"Replica\",\"email\":\"" + ContractSuite.uniqueEmail()
                                                   + "\"}");
        assertEquals(201, user.status(), user::toString);
        return user.json().get("id").asLong();
    }

    // The user outbox's outstanding count, as the service's health output reports it.
    private static long outstanding(Api api) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long outstanding;
        do {
            outstanding = -1;
            for (JsonNode check : api.get("/observe/health").json().get("checks")) {
                if (check.get("name").asText().equals("user-outbox")) {
                    outstanding = check.get("data").get("outstanding").asLong();
                }
            }
            if (outstanding != 0) {
                Eventually.sleep(Duration.ofMillis(100));
            }
        } while (outstanding != 0 && System.nanoTime() < deadline);
        return outstanding;
    }
}
