package dev.cleave.contract;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The user service assembly runs the user context alone: users are served, orders are not there at all.
 */
class UserServiceAssemblyIT {
    @TempDir
    Path dataDir;

    @Test
    void servesUsersAndNoOrders() {
        try (Services services = Services.start(dataDir, Broker.create(), 5672, List.of("user"), Map.of())) {
            Api api = new Api(services.service("user").baseUri());
            Api.Reply created = api.postJson("/v1/users", "{\"name\":\"Solo\",\"email\":\""
                                                          + ContractSuite.uniqueEmail() + "\"}");
            assertEquals(201, created.status(), created::toString);
            assertEquals(200, api.get("/v1/users/" + created.json().get("id").asLong()).status());

            ContractSuite.assertProblem(api.get("/v1/orders"), 404);
            ContractSuite.assertProblem(api.postJson("/v1/orders", ContractSuite.order(1)), 404);
        }
    }
}
