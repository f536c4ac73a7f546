package dev.cleave.contract;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order API's two versions over one domain, black-box over real HTTP: v2 carries money with its currency, v1
 * goes on unchanged in cents of the v1 currency (EUR here) and never shows another currency, and every v1 answer
 * says it is deprecated. {@link ContractSuite} extends this, so each topology runs it.
 */
abstract class OrdersV2Contract extends OwnershipContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    /**
     * The order context's outbox, where the events an order's placing published are read.
     *
     * @return the outbox
     */
    abstract OrderOutbox orderOutbox();

    @Test
    void placingAnOrderInV2KeepsMoneyExactInItsCurrency() {
        long userId = user();
        Api.Reply reply = api().postJson("/v2/orders", order(userId, item("BOOK-1", 3, "19.99", "EUR"),
                                                             item("pen_2", 1, "0.5", "EUR")));

        assertEquals(201, reply.status(), reply::toString);
        JsonNode order = reply.json();
        long id = order.get("id").asLong();
        assertEquals("/v2/orders/" + id, reply.header("Location").orElseThrow());
        assertEquals(money("60.47", "EUR"), order.get("total"));
        assertEquals(money("0.50", "EUR"), order.get("items").get(1).get("unitPrice"));
        assertEquals(order, api().get("/v2/orders/" + id).json());
        JsonNode event = orderOutbox().payload("OrderPlaced", id);
        assertEquals("EUR", event.get("currency").asText(), event::toString);
        assertEquals(6047, event.get("totalCents").asLong(), event::toString);
    }

    @Test
    void aCurrencyWithoutCentsCountsInWholeUnits() {
        JsonNode order = placed("/v2/orders", order(user(), item("TEA", 2, "1500", "JPY")));

        assertEquals(money("3000", "JPY"), order.get("total"));
        assertEquals("JPY", orderOutbox().payload("OrderPlaced", order.get("id").asLong()).get("currency").asText());
    }

    @Test
    void v1AndV2ShowTheSameOrdersInTheV1Currency() {
        long userId = user();
        JsonNode v1 = placed("/v1/orders", "{\"userId\":" + userId + ",\"items\":[{\"sku\":\"A\",\"quantity\":2,"
                                           + "\"unitPriceCents\":1250}]}");
        JsonNode v2 = placed("/v2/orders", order(userId, item("B", 1, "3.10", "EUR")));

        assertEquals(money("25.00", "EUR"), api().get("/v2/orders/" + v1.get("id").asLong()).json().get("total"));
        assertEquals(310, api().get("/v1/orders/" + v2.get("id").asLong()).json().get("totalCents").asLong());
    }

    @Test
    void aV1ClientNeverSeesAnOrderInAnotherCurrency() {
        long userId = user();
        long euros = placed("/v1/orders", "{\"userId\":" + userId + ",\"items\":[{\"sku\":\"A\",\"quantity\":1,"
                                          + "\"unitPriceCents\":100}]}").get("id").asLong();
        long dollars = placed("/v2/orders", order(userId, item("B", 1, "9.99", "USD"))).get("id").asLong();

        JsonNode conflict = ContractSuite.assertProblem(api().get("/v1/orders/" + dollars), 409);
        assertEquals("urn:cleave:problem:newer-version-required", conflict.get("type").asText());
        assertTrue(conflict.get("detail").asText().contains("/v2/orders/" + dollars), conflict::toString);
        ContractSuite.assertProblem(api().send("POST", "/v1/orders/" + dollars + "/cancel", null, null), 409);
        assertEquals("PLACED", api().get("/v2/orders/" + dollars).json().get("status").asText());
        List<Long> listed = api().get("/v1/orders?userId=" + userId).json().get("items").findValues("id").stream()
                .map(JsonNode::asLong).toList();
        assertEquals(List.of(euros), listed);
        assertEquals(2, api().get("/v2/orders?userId=" + userId).json().get("items").size());
    }

    @Test
    void badMoneyIsABadRequestNamingTheField() {
        long userId = user();
        assertInvalid(order(userId, item("A", 1, "1.999", "EUR")), "items[0].unitPrice.amount");
        assertInvalid(order(userId, item("A", 1, "1.00", "EURO")), "items[0].unitPrice.currency");
        assertInvalid(order(userId, item("A", 1, "1.00", "QQQ")), "items[0].unitPrice.currency");
        assertInvalid(order(userId, item("A", 1, "1.00", "EUR"), item("B", 1, "1.00", "GBP")),
                      "items[1].unitPrice.currency");
        assertInvalid("{\"userId\":" + userId + ",\"items\":[{\"sku\":\"A\",\"quantity\":1,\"unitPrice\":"
                      + "{\"amount\":19.99,\"currency\":\"EUR\"}}]}", "items[0].unitPrice.amount");
        assertEquals(0, api().get("/v2/orders?userId=" + userId).json().get("items").size());
    }

    @Test
    void cancellingInV2AnswersInV2() {
        long id = placed("/v2/orders", order(user(), item("A", 1, "4.20", "CHF"))).get("id").asLong();

        Api.Reply cancelled = api().send("POST", "/v2/orders/" + id + "/cancel", null, null, "If-Match", "\"1\"");

        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("CANCELLED", cancelled.json().get("status").asText());
        assertEquals(money("4.20", "CHF"), cancelled.json().get("total"));
    }

    @Test
    void everyV1AnswerSaysItIsDeprecatedAndNoV2AnswerDoes() {
        long userId = user();
        List<Api.Reply> v1 = List.of(
                api().postJson("/v1/orders", "{\"userId\":" + userId + ",\"items\":[{\"sku\":\"A\",\"quantity\":1,"
                                             + "\"unitPriceCents\":100}]}"),
                api().get("/v1/orders?userId=" + userId),
                api().get("/v1/orders/999999999"),
                api().postJson("/v1/orders", "{\"userId\":0}"),
                api().send("DELETE", "/v1/orders", null, null),
                api().anonymous().get("/v1/orders"));
        for (Api.Reply reply : v1) {
            assertAll(reply.toString(),
                      () -> assertEquals("@1796256000", reply.header("Deprecation").orElse(null)),
                      () -> assertEquals("Sun, 31 Dec 2028 23:59:59 GMT", reply.header("Sunset").orElse(null)),
                      () -> assertEquals("</docs#/migrating-to-v2>; rel=\"deprecation\"; type=\"text/html\"",
                                         reply.header("Link").orElse(null)));
        }
        assertEquals(401, v1.getLast().status(), "refused before any route, and still told");
        for (Api.Reply reply : List.of(api().get("/v2/orders?userId=" + userId), api().get("/v1/users/" + userId))) {
            assertFalse(reply.header("Deprecation").isPresent(), reply::toString);
            assertFalse(reply.header("Sunset").isPresent(), reply::toString);
        }
    }

    private void assertInvalid(String body, String field) {
        Api.Reply reply = api().postJson("/v2/orders", body);
        JsonNode problem = ContractSuite.assertProblem(reply, 400);
        assertEquals("urn:cleave:problem:invalid-input", problem.get("type").asText());
        assertEquals(List.of(field), problem.get("errors").findValuesAsText("field"), reply::toString);
    }

    private long user() {
        Api.Reply reply = api().postJson("/v1/users", "{\"name\":\"Money User\",\"email\":\"money-" + RUN + "-"
                                                      + UUID.randomUUID() + "@example.com\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.json().get("id").asLong();
    }

    private JsonNode placed(String path, String body) {
        Api.Reply reply = api().postJson(path, body);
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private static String order(long userId, String... items) {
        return "{\"userId\":" + userId + ",\"items\":[" + String.join(",", items) + "]}";
    }

    private static String item(String sku, int quantity, String amount, String currency) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPrice\":{\"amount\":\"" + amount
               + "\",\"currency\":\"" + currency + "\"}}";
    }

    private static JsonNode money(String amount, String currency) {
        return JSON.createObjectNode().put("amount", amount).put("currency", currency);
    }
}
