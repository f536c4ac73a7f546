package dev.cleave.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may do what, black-box over real HTTP with real bearer tokens: customer A against customer B on every route
 * and method, an admin on every route, and requests without a valid token. Someone else's user or order answers
 * exactly like one that does not exist. {@link ContractSuite} extends this, so each topology runs the matrix.
 */
abstract class OwnershipContract {
    private static final String MISSING = "999999999";

    private final Api customerA = api().as(DevTokens.customer("customer-a-" + UUID.randomUUID()));
    private final Api customerB = api().as(DevTokens.customer("customer-b-" + UUID.randomUUID()));

    /**
     * Where the API under test answers, called as an admin.
     *
     * @return a client for it
     */
    abstract Api api();

    // ---- users -------------------------------------------------------------------------------------------------

    @Test
    void aCustomerRegistersTheOneUserItOwns() {
        JsonNode user = register(customerA);

        assertTrue(user.get("owner").asText().startsWith("customer-a-"), user.toString());
        Api.Reply second = customerA.postJson("/v1/users", userBody());
        assertEquals("You already have a user record; read, replace or delete that one.",
                     ContractSuite.assertProblem(second, 409).get("detail").asText());
    }

    @Test
    void anotherCustomersUserIsNotFoundOnEveryMethodExactlyLikeAMissingOne() {
        JsonNode user = register(customerA);
        String id = user.get("id").asText();
        String path = "/v1/users/" + id;

        List<JsonNode> answers = new ArrayList<>();
        answers.add(notFound(customerB.get(path)));
        answers.add(notFound(customerB.putJson(path, userBody())));
        answers.add(notFound(customerB.delete(path)));
        JsonNode missing = notFound(customerB.get("/v1/users/" + MISSING));

        for (JsonNode answer : answers) {
            assertEquals(missing.get("detail").asText().replace(MISSING, id), answer.get("detail").asText());
        }
        assertEquals(user, customerA.get(path).json(), "A's user is unchanged");
    }

    @Test
    void theOwnerReadsReplacesAndDeletesItsUser() {
        String path = "/v1/users/" + register(customerA).get("id").asText();

        assertEquals(200, customerA.get(path).status());
        Api.Reply replaced = customerA.putJson(path, userBody());
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals(204, customerA.delete(path).status());
        notFound(customerA.get(path));
    }

    @Test
    void listingEveryUserIsForAdminsOnly() {
        register(customerA);

        Api.Reply refused = customerA.get("/v1/users");

        ContractSuite.assertProblem(refused, 403);
        assertEquals("Bearer error=\"insufficient_scope\"", refused.header("WWW-Authenticate").orElseThrow());
        assertEquals(200, api().get("/v1/users").status());
    }

    // ---- orders ------------------------------------------------------------------------------------------------

    @Test
    void orderingForAnotherCustomersUserIsRefusedLikeAnUnknownUser() {
        String userOfA = register(customerA).get("id").asText();

        JsonNode refused = ContractSuite.assertProblem(customerB.postJson("/v1/orders", order(userOfA)), 422);
        JsonNode unknown = ContractSuite.assertProblem(customerB.postJson("/v1/orders", order(MISSING)), 422);

        assertEquals(unknown.get("detail").asText().replace(MISSING, userOfA), refused.get("detail").asText());
        assertEquals(201, customerA.postJson("/v1/orders", order(userOfA)).status());
    }

    @Test
    void anotherCustomersOrderIsNotFoundForReadingAndCancelling() {
        JsonNode order = place(customerA, register(customerA).get("id").asText());
        String id = order.get("id").asText();

        JsonNode read = notFound(customerB.get("/v1/orders/" + id));
        JsonNode cancelled = notFound(customerB.send("POST", "/v1/orders/" + id + "/cancel", null, null));
        JsonNode missing = notFound(customerB.get("/v1/orders/" + MISSING));

        assertEquals(missing.get("detail").asText().replace(MISSING, id), read.get("detail").asText());
        assertEquals(read, cancelled);
        assertEquals(order, customerA.get("/v1/orders/" + id).json(), "A's order is still placed");
        Api.Reply byOwner = customerA.send("POST", "/v1/orders/" + id + "/cancel", null, null);
        assertEquals("CANCELLED", byOwner.json().get("status").asText(), byOwner::toString);
    }

    @Test
    void eachCustomerListsOnlyItsOwnOrdersWhateverUserItNames() {
        String userOfA = register(customerA).get("id").asText();
        String userOfB = register(customerB).get("id").asText();
        String orderOfA = place(customerA, userOfA).get("id").asText();
        String orderOfB = place(customerB, userOfB).get("id").asText();

        assertEquals(List.of(orderOfA), ids(customerA.get("/v1/orders")));
        assertEquals(List.of(orderOfB), ids(customerB.get("/v1/orders")));
        assertEquals(List.of(), ids(customerB.get("/v1/orders?userId=" + userOfA)));
    }

    @Test
    void anAdminActsOnEveryRouteForAnyCustomer() {
        JsonNode user = register(customerA);
        String path = "/v1/users/" + user.get("id").asText();

        assertEquals(user, api().get(path).json());
        assertEquals(200, api().putJson(path, userBody()).status());
        String orderId = place(api(), user.get("id").asText()).get("id").asText();
        assertEquals(200, api().get("/v1/orders/" + orderId).status());
        assertEquals(List.of(orderId), ids(api().get("/v1/orders?userId=" + user.get("id").asText())));
        assertTrue(ids(api().get("/v1/orders?limit=100")).contains(orderId));
        assertEquals(List.of(orderId), ids(customerA.get("/v1/orders")), "an admin's order for A's user is A's");
        assertEquals(200, api().send("POST", "/v1/orders/" + orderId + "/cancel", null, null).status());
        assertEquals(204, api().delete(path).status());
        notFound(customerA.get(path));
    }

    @Test
    void anotherSubjectsIdenticalIdempotencyKeyNeverGetsTheFirstCallersReply() {
        String key = UUID.randomUUID().toString();
        String body = userBody();
        Api.Reply first = customerA.postJson("/v1/users", body, "Idempotency-Key", key);
        assertEquals(201, first.status(), first::toString);

        Api.Reply other = customerB.postJson("/v1/users", body.replace("@", "-b@"), "Idempotency-Key", key);

        assertEquals(201, other.status(), other::toString);
        assertTrue(other.header("Idempotent-Replayed").isEmpty(), other::toString);
        assertNotEquals(first.header("Location"), other.header("Location"));
        assertEquals(first.body(), customerA.postJson("/v1/users", body, "Idempotency-Key", key).body());
    }

    // ---- without a valid token ---------------------------------------------------------------------------------

    @Test
    void everyApiRouteNeedsAValidBearerTokenAndHealthDoesNot() {
        Api anonymous = api().anonymous();
        List<Api.Reply> refused = List.of(
                anonymous.get("/v1/users"), anonymous.postJson("/v1/users", userBody()),
                anonymous.get("/v1/users/1"), anonymous.putJson("/v1/users/1", userBody()),
                anonymous.delete("/v1/users/1"), anonymous.get("/v1/orders"),
                anonymous.postJson("/v1/orders", order("1")), anonymous.get("/v1/orders/1"),
                anonymous.send("POST", "/v1/orders/1/cancel", null, null));

        for (Api.Reply reply : refused) {
            ContractSuite.assertProblem(reply, 401);
            assertEquals("Bearer", reply.header("WWW-Authenticate").orElseThrow(), reply::toString);
        }
        assertEquals(200, anonymous.get("/observe/health").status());
    }

    @Test
    void aForgedTokenOrOneInTheQueryIsRefusedAndNothingOfItIsEchoed() {
        String forged = DevTokens.admin().substring(0, DevTokens.admin().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        Api.Reply badSignature = api().as(forged).get("/v1/users");
        Api.Reply inQuery = api().anonymous().get("/v1/users?access_token=" + DevTokens.admin());

        ContractSuite.assertProblem(badSignature, 401);
        assertEquals("Bearer error=\"invalid_token\"", badSignature.header("WWW-Authenticate").orElseThrow());
        assertTrue(!badSignature.body().contains(forged.substring(0, 20)), badSignature::toString);
        ContractSuite.assertProblem(inQuery, 401);
        assertEquals("Bearer", inQuery.header("WWW-Authenticate").orElseThrow());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static JsonNode register(Api caller) {
        Api.Reply reply = caller.postJson("/v1/users", userBody());
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static JsonNode place(Api caller, String userId) {
        Api.Reply reply = caller.postJson("/v1/orders", order(userId));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    // The problem as a kind of answer: its instance names this one occurrence (checked here), so two answers that
    // must be alike are compared without it.
    private static JsonNode notFound(Api.Reply reply) {
        ObjectNode problem = (ObjectNode) ContractSuite.assertProblem(reply, 404).deepCopy();
        assertTrue(problem.path("instance").asText().matches("urn:cleave:request:[0-9a-f]{32}"), reply::toString);
        problem.remove("instance");
        return problem;
    }

    private static String userBody() {
        return "{\"name\":\"Owner\",\"email\":\"" + ContractSuite.uniqueEmail() + "\"}";
    }

    private static String order(String userId) {
        return "{\"userId\":" + userId + ",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPriceCents\":100}]}";
    }

    private static List<String> ids(Api.Reply page) {
        assertEquals(200, page.status(), page::toString);
        List<String> ids = new ArrayList<>();
        page.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
