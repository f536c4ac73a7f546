package dev.cleave.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The monolith keeps what it answered for: users, orders and idempotency keys survive a graceful restart and a
 * crash.
 */
class MonolithRestartIT {
    @TempDir
    Path dataDir;

    @Test
    void everyUserAndOrderSurvivesARestartAndACrash() {
        List<JsonNode> users = new ArrayList<>();
        List<JsonNode> orders = new ArrayList<>();

        String key = "before-restart-" + ContractSuite.uniqueEmail();
        String body = "{\"name\":\"Keyed\",\"email\":\"" + ContractSuite.uniqueEmail() + "\"}";
        Api.Reply keyed;
        try (AssemblyProcess first = AssemblyProcess.start("monolith", dataDir, Map.of())) {
            Api api = new Api(first.baseUri());
            create(api, users, orders, 5);
            keyed = api.postJson("/v1/users", body, "Idempotency-Key", key);
            assertEquals(201, keyed.status(), keyed::toString);
        }

        AssemblyProcess second = AssemblyProcess.start("monolith", dataDir, Map.of());
        Api api = new Api(second.baseUri());
        assertAllThere(api, users, orders);
        Api.Reply replayed = api.postJson("/v1/users", body, "Idempotency-Key", key);
        assertEquals(201, replayed.status(), replayed::toString);
        assertEquals(keyed.json(), replayed.json(), "an idempotency key outlives a restart");
        create(api, users, orders, 5);
        second.kill();

        try (AssemblyProcess third = AssemblyProcess.start("monolith", dataDir, Map.of())) {
            assertAllThere(new Api(third.baseUri()), users, orders);
        }
    }

    private static void create(Api api, List<JsonNode> users, List<JsonNode> orders, int count) {
        for (int i = 0; i < count; i++) {
            Api.Reply user = api.postJson("/v1/users", "{\"name\":\"Durable " + i + "\",\"email\":\""
                                                       + ContractSuite.uniqueEmail() + "\"}");
            assertEquals(201, user.status(), user::toString);
            users.add(user.json());
            Api.Reply order = api.postJson("/v1/orders", ContractSuite.order(user.json().get("id").asLong()));
            assertEquals(201, order.status(), order::toString);
            orders.add(order.json());
        }
    }

    private static void assertAllThere(Api api, List<JsonNode> users, List<JsonNode> orders) {
        for (JsonNode user : users) {
            Api.Reply read = api.get("/v1/users/" + user.get("id").asLong());
            assertEquals(200, read.status(), read::toString);
            assertEquals(user, read.json());
        }
        for (JsonNode order : orders) {
            Api.Reply read = api.get("/v1/orders/" + order.get("id").asLong());
            assertEquals(200, read.status(), read::toString);
            assertEquals(order, read.json());
        }
    }
}
