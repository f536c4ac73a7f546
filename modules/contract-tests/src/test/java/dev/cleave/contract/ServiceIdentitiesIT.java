package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.RSAKey;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.testing.MockOidcServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split services against a real OIDC server (mock-oauth2-server in its own JVM): people's tokens are verified
 * by the issuer's keys, the order service asks the user service with its own client-credentials token (cached, and
 * renewed when it runs out), the directory lookup that token allows is not open to customers, the development key
 * is never trusted beside a real issuer, and while the token endpoint is down placing an order answers 503 while
 * reads go on with the keys already fetched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceIdentitiesIT {
    private static final String CLIENT_ID = "cleave-order-service";
    private static final String SECRET = "s3cret-" + UUID.randomUUID();
    // What the issuer puts into every client-credentials token: the client as subject and the service role.
    private static final String SERVICE_CLAIMS =
            "{\"sub\":\"${clientId}\",\"aud\":[\"cleave\"],\"roles\":[\"cleave-service\"]}";
    // Short, so the outage test sees the cached service token run out within seconds.
    private static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofSeconds(4);

    @TempDir
    static Path dataDir;
    private static RSAKey key;
    private static MockOidcServer issuer;
    private static Services services;
    private static IssuerTokens tokens;
    private static Api admin;

    @BeforeAll
    static void start() throws IOException {
        key = IssuerTokens.key("cleave");
        issuer = MockOidcServer.start(dataDir.resolve("issuer"), "cleave", key.toJSONString(), SERVICE_CLAIMS,
                                      SERVICE_TOKEN_LIFETIME);
        tokens = IssuerTokens.of(key, issuer.issuerUrl().toString());
        Path secretFile = Files.writeString(dataDir.resolve("order-client-secret"), SECRET);
        Map<String, String> realIssuer = Map.of("CLEAVE_AUTH_ISSUER", issuer.issuerUrl().toString(),
                                                "CLEAVE_AUTH_AUDIENCE", "cleave");
        Map<String, String> orderService = new HashMap<>(realIssuer);
        orderService.put("CLEAVE_AUTH_CLIENT_ID", CLIENT_ID);
        orderService.put("CLEAVE_AUTH_CLIENT_SECRET_FILE", secretFile.toString());
        services = Services.start(dataDir, Broker.create(), 5672, List.of("user", "order"),
                                  Map.of("user", realIssuer, "order", orderService));
        admin = Api.split(services.service("user").baseUri(), services.service("order").baseUri())
                .as(tokens.mint("admin-" + UUID.randomUUID(), List.of("admin")));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    @Order(1)
    void theOrderServiceLooksUsersUpWithItsOwnTokenForAdminsAndCustomers() {
        long adminsUser = register(admin).get("id").asLong();
        Api customer = admin.as(tokens.mint("customer-" + UUID.randomUUID(), List.of()));
        long ownUser = register(customer).get("id").asLong();

        assertEquals(201, admin.postJson("/v1/orders", ContractSuite.order(adminsUser)).status());
        assertEquals(201, customer.postJson("/v1/orders", ContractSuite.order(ownUser)).status());
        ContractSuite.assertProblem(customer.postJson("/v1/orders", ContractSuite.order(adminsUser)), 422);
    }

    @Test
    @Order(2)
    void theServiceRoleReadsAnyUserButNeitherListsNorChangesThem() {
        long someUser = register(admin).get("id").asLong();
        Api service = admin.as(clientCredentialsToken());
        Api customer = admin.as(tokens.mint("customer-" + UUID.randomUUID(), List.of()));

        assertEquals(200, service.get("/v1/users/" + someUser).status());
        ContractSuite.assertProblem(customer.get("/v1/users/" + someUser), 404);
        ContractSuite.assertProblem(service.get("/v1/users"), 403);
        ContractSuite.assertProblem(service.putJson("/v1/users/" + someUser, user()), 404);
        ContractSuite.assertProblem(service.delete("/v1/users/" + someUser), 404);
    }

    @Test
    @Order(3)
    void theDevelopmentKeyIsNeverTrustedBesideARealIssuer() {
        Api development = admin.as(DevTokens.admin());

        for (Api.Reply reply : List.of(development.get("/v1/users"), development.get("/v1/orders"))) {
            ContractSuite.assertProblem(reply, 401);
            assertEquals("Bearer error=\"invalid_token\"", reply.header("WWW-Authenticate").orElseThrow());
        }
    }

    @Test
    @Order(4)
    void whileTheTokenEndpointIsDownPlacingOrdersAnswers503AndReadsGoOn() {
        long userId = register(admin).get("id").asLong();
        assertEquals(201, admin.postJson("/v1/orders", ContractSuite.order(userId)).status());

        issuer.stop();
        Eventually.sleep(SERVICE_TOKEN_LIFETIME.plusSeconds(1));
        Api.Reply refused = admin.postJson("/v1/orders", ContractSuite.order(userId));

        ContractSuite.assertProblem(refused, 503);
        assertTrue(refused.header("Retry-After").isPresent(), refused::toString);
        assertEquals(200, admin.get("/v1/orders?userId=" + userId).status(), "the issuer's keys are cached");
        assertEquals(200, admin.get("/v1/users/" + userId).status());

        issuer.restart(key.toJSONString());
        Eventually.await("an order is placed once the issuer is back",
                         () -> admin.postJson("/v1/orders", ContractSuite.order(userId)).status() == 201);
    }

    private static JsonNode register(Api caller) {
        Api.Reply reply = caller.postJson("/v1/users", user());
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static String user() {
        return "{\"name\":\"Someone\",\"email\":\"" + ContractSuite.uniqueEmail() + "\"}";
    }

    // What the order service itself obtains: a client-credentials token from the issuer's token endpoint.
    private static String clientCredentialsToken() {
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + SECRET)
                                                                  .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(issuer.tokenEndpoint())
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=cleave"))
                .build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response::body);
            return new ObjectMapper().readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
