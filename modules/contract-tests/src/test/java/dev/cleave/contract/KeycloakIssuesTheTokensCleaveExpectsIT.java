package dev.cleave.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split services against Keycloak, the issuer most users run, set up exactly as the README says: the realm of
 * {@code docs/keycloak/realm-cleave.json}, {@code CLEAVE_AUTH_ISSUER=<keycloak>/realms/cleave},
 * {@code CLEAVE_AUTH_AUDIENCE=cleave}, {@code CLEAVE_AUTH_ROLES_CLAIM=realm_access.roles}, and the order service as
 * client {@code cleave-order-service} with the secret Keycloak generated, read from a file; and an order service
 * whose secret Keycloak refuses, which answers 503 for orders.
 */
class KeycloakIssuesTheTokensCleaveExpectsIT {
    @TempDir
    static Path dataDir;
    private static KeycloakServer keycloak;
    private static Services services;
    private static Api admin;
    private static Api customer;
    private static String customerSubject;
    private static Map<String, String> issuer;

    @BeforeAll
    static void start() throws IOException {
        keycloak = KeycloakServer.start(dataDir.resolve("keycloak"),
                                        Path.of(System.getProperty("cleave.keycloak.realm", "missing")));
        Path secretFile = Files.writeString(dataDir.resolve("order-client-secret"),
                                            keycloak.clientSecret("cleave-order-service"));
        issuer = Map.of("CLEAVE_AUTH_ISSUER", keycloak.issuerUrl().toString(),
                                            "CLEAVE_AUTH_AUDIENCE", "cleave",
                                            "CLEAVE_AUTH_ROLES_CLAIM", "realm_access.roles");
        Map<String, String> orderService = new HashMap<>(issuer);
        orderService.put("CLEAVE_AUTH_CLIENT_ID", "cleave-order-service");
        orderService.put("CLEAVE_AUTH_CLIENT_SECRET_FILE", secretFile.toString());
        services = Services.start(dataDir, Broker.create(), 5672, List.of("user", "order"),
                                  Map.of("user", issuer, "order", orderService));
        Api api = Api.split(services.service("user").baseUri(), services.service("order").baseUri());
        String adminPassword = UUID.randomUUID().toString();
        String customerPassword = UUID.randomUUID().toString();
        keycloak.createUser("grace", adminPassword, List.of("admin"));
        customerSubject = keycloak.createUser("ada", customerPassword, List.of());
        admin = api.as(keycloak.passwordToken("grace", adminPassword));
        customer = api.as(keycloak.passwordToken("ada", customerPassword));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aCustomerRegistersItsUserAndPlacesAnOrderThroughTheOrderServicesOwnToken() {
        JsonNode user = register(customer);
        long userId = user.get("id").asLong();
        assertEquals(customerSubject, user.get("owner").asText(), "owned by the token's sub");

        Api.Reply placed = customer.postJson("/v1/orders", ContractSuite.order(userId));

        assertEquals(201, placed.status(), placed::toString);
        assertEquals(userId, placed.json().get("userId").asLong());
        assertEquals(List.of(placed.json().get("id").asLong()), ids(customer.get("/v1/orders")));
    }

    @Test
    void theAdminRoleComesFromRealmAccessRoles() {
        register(admin);

        assertEquals(200, admin.get("/v1/users").status());
        ContractSuite.assertProblem(customer.get("/v1/users"), 403);
    }

    @Test
    void aCustomerSeesNothingOfAnotherCustomersUser() {
        long adminsUser = register(admin).get("id").asLong();

        ContractSuite.assertProblem(customer.get("/v1/users/" + adminsUser), 404);
        ContractSuite.assertProblem(customer.postJson("/v1/orders", ContractSuite.order(adminsUser)), 422);
        ContractSuite.assertProblem(customer.send("POST", "/v1/orders/999999999/cancel", null, null), 404);
    }

    @Test
    void anOrderServiceWhoseSecretKeycloakRefusesAnswers503ForOrders() throws IOException {
        long adminsUser = register(admin).get("id").asLong();
        Map<String, String> env = new HashMap<>(issuer);
        env.put("CLEAVE_AUTH_CLIENT_ID", "cleave-order-service");
        env.put("CLEAVE_AUTH_CLIENT_SECRET_FILE",
                Files.writeString(dataDir.resolve("wrong-secret"), "not-the-secret").toString());
        env.put("USER_SERVICE_URL", services.service("user").baseUri().toString());
        env.put("CLEAVE_AMQP_URL", services.broker().url(5672));

        try (AssemblyProcess refused = AssemblyProcess.start("order", dataDir.resolve("refused-order"), env)) {
            Api.Reply reply = Api.split(services.service("user").baseUri(), refused.baseUri())
                    .as(admin.token()).postJson("/v1/orders", ContractSuite.order(adminsUser));

            ContractSuite.assertProblem(reply, 503);
            assertTrue(reply.header("Retry-After").isPresent(), reply::toString);
        }
    }

    private static JsonNode register(Api caller) {
        Api.Reply reply = caller.postJson("/v1/users", "{\"name\":\"Keycloak User\",\"email\":\""
                                                       + ContractSuite.uniqueEmail() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static List<Long> ids(Api.Reply page) {
        assertEquals(200, page.status(), page::toString);
        List<Long> ids = new ArrayList<>();
        page.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}
