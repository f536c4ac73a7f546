package dev.cleave.order.adapter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertInvalid;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertMalformed;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertNoOrdersOf;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.item;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.place;
import static dev.cleave.order.adapter.http.OrderApiFixture.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/orders} with a body that breaks the contract: 400, with {@code errors} naming every field when
 * the body is a JSON object, and nothing stored.
 */
class SendingAnInvalidOrderTest extends OrderApiRoutingTest {
    SendingAnInvalidOrderTest(DirectClient client) {
        super(client);
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceWithItsFieldPath() {
        String body = order(0,
                            item("ok", 1, 1),
                            item("", 1, 1),
                            item("ok-2", 0, -1),
                            item("ok_3", 1001, 100_000_001),
                            item("x".repeat(65), 1, 1),
                            item("a b", 1, 1));

        OrderApiFixture.Reply reply = place(client, body);

        Map<String, String> errors = assertInvalid(reply);
        assertEquals(Map.of("userId", "must be a positive integer",
                            "items[1].sku", "must be 1 to 64 letters, digits, '_' or '-'",
                            "items[2].quantity", "must be from 1 to 1000",
                            "items[2].unitPriceCents", "must be from 0 to 100000000",
                            "items[3].quantity", "must be from 1 to 1000",
                            "items[3].unitPriceCents", "must be from 0 to 100000000",
                            "items[4].sku", "must be 1 to 64 letters, digits, '_' or '-'",
                            "items[5].sku", "must be 1 to 64 letters, digits, '_' or '-'"), errors);
        assertEquals("8 fields are invalid", reply.json().path("detail").textValue());
    }

    @Test
    void aNegativeUserIdIsInvalid() {
        assertEquals(Map.of("userId", "must be a positive integer"),
                     assertInvalid(place(client, order(-4, item("a", 1, 1)))));
    }

    @Test
    void anOrderWithoutItemsIsInvalid() {
        long user = USERS.register();

        OrderApiFixture.Reply reply = place(client, order(user));

        assertEquals(Map.of("items", "must have 1 to 50 items"), assertInvalid(reply));
        assertEquals("items must have 1 to 50 items", reply.json().path("detail").textValue());
        assertNoOrdersOf(client, user);
    }

    @Test
    void anOrderOfFiftyOneItemsIsInvalid() {
        long user = USERS.register();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            items.add(item("sku-" + i, 1, 1));
        }

        assertEquals(Map.of("items", "must have at most 50 items"),
                     assertInvalid(place(client, order(user, items.toArray(String[]::new)))));
        assertNoOrdersOf(client, user);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"userId":"1","items":[{"sku":"a","quantity":1,"unitPriceCents":1}]}       | userId                  | must be an integer, not a string
            {"userId":1.0,"items":[{"sku":"a","quantity":1,"unitPriceCents":1}]}       | userId                  | must be an integer, not a decimal number
            {"userId":1e3,"items":[{"sku":"a","quantity":1,"unitPriceCents":1}]}       | userId                  | must be an integer, not a decimal number
            {"userId":true,"items":[{"sku":"a","quantity":1,"unitPriceCents":1}]}      | userId                  | must be an integer, not a boolean
            {"userId":[1],"items":[{"sku":"a","quantity":1,"unitPriceCents":1}]}       | userId                  | must be an integer, not an array
            {"userId":99999999999999999999,"items":[{"sku":"a","quantity":1,"unitPriceCents":1}]} | userId        | is out of range
            {"userId":1,"items":[{"sku":"a","quantity":2.5,"unitPriceCents":1}]}       | items[0].quantity       | must be an integer, not a decimal number
            {"userId":1,"items":[{"sku":"a","quantity":"2","unitPriceCents":1}]}       | items[0].quantity       | must be an integer, not a string
            {"userId":1,"items":[{"sku":"a","quantity":1,"unitPriceCents":"100"}]}     | items[0].unitPriceCents | must be an integer, not a string
            {"userId":1,"items":[{"sku":"a","quantity":1,"unitPriceCents":1.99}]}      | items[0].unitPriceCents | must be an integer, not a decimal number
            {"userId":1,"items":[{"sku":12,"quantity":1,"unitPriceCents":1}]}          | items[0].sku            | must be a string, not an integer
            {"userId":1,"items":[{"sku":{},"quantity":1,"unitPriceCents":1}]}          | items[0].sku            | must be a string, not an object
            {"userId":1,"items":{"sku":"a","quantity":1,"unitPriceCents":1}}           | items                   | must be an array, not an object
            {"userId":1,"items":"a"}                                                   | items                   | must be an array, not a string
            {"userId":1,"items":["a"]}                                                 | items[0]                | must be an object, not a string
            {"userId":1,"items":[null]}                                                | items[0]                | must be an object, not null
            {"userId":1,"items":[[]]}                                                  | items[0]                | must be an object, not an array
            {"userId":1,"items":[7]}                                                   | items[0]                | must be an object, not an integer
            """)
    void aValueOfTheWrongJsonTypeIsInvalid(String body, String field, String message) {
        assertEquals(Map.of(field, message), assertInvalid(place(client, body)));
    }

    @Test
    void everyMistypedFieldIsReportedAtOnce() {
        String body = "{\"userId\":\"7\",\"items\":[{\"sku\":1,\"quantity\":2.5,\"unitPriceCents\":1},\"x\"]}";

        assertEquals(Map.of("userId", "must be an integer, not a string",
                            "items[0].sku", "must be a string, not an integer",
                            "items[0].quantity", "must be an integer, not a decimal number",
                            "items[1]", "must be an object, not a string"),
                     assertInvalid(place(client, body)));
    }

    @Test
    void anUnknownPropertyIsInvalid() {
        long user = USERS.register();
        String body = "{\"userId\":" + user + ",\"coupon\":\"FREE\","
                      + "\"items\":[{\"sku\":\"a\",\"quantity\":1,\"unitPriceCents\":1}]}";

        assertEquals(Map.of("coupon", "is not a known property"), assertInvalid(place(client, body)));
        assertNoOrdersOf(client, user);
    }

    @Test
    void anUnknownPropertyOfAnItemIsReportedAtItsPath() {
        long user = USERS.register();
        String body = "{\"userId\":" + user + ",\"items\":["
                      + "{\"sku\":\"a\",\"quantity\":1,\"unitPriceCents\":1,\"x\":1},"
                      + "{\"sku\":\"b\",\"quantity\":1,\"unitPriceCents\":1},"
                      + "{\"sku\":\"c\",\"quantity\":1,\"unitPriceCents\":1,\"colour\":\"red\",\"Sku\":\"c\"}]}";

        assertEquals(Map.of("items[0].x", "is not a known property",
                            "items[2].colour", "is not a known property",
                            "items[2].Sku", "is not a known property"),
                     assertInvalid(place(client, body)));
        assertNoOrdersOf(client, user);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            id         | 5
            status     | "CANCELLED"
            totalCents | 0
            version    | 3
            createdAt  | "2020-01-01T00:00:00Z"
            updatedAt  | "2020-01-01T00:00:00Z"
            """)
    void aReadOnlyPropertyIsInvalid(String property, String value) {
        long user = USERS.register();
        String body = "{\"" + property + "\":" + value + ",\"userId\":" + user
                      + ",\"items\":[{\"sku\":\"a\",\"quantity\":1,\"unitPriceCents\":1}]}";

        assertEquals(Map.of(property, "is read-only"), assertInvalid(place(client, body)));
        assertNoOrdersOf(client, user);
    }

    @Test
    void readOnlyPropertiesAreReportedTogetherWithOtherMistakes() {
        String body = "{\"id\":1,\"version\":1,\"userId\":\"1\",\"items\":[{\"sku\":\"a\",\"quantity\":1}]}";

        assertEquals(Map.of("id", "is read-only",
                            "version", "is read-only",
                            "userId", "must be an integer, not a string",
                            "items[0].unitPriceCents", "is required"),
                     assertInvalid(place(client, body)));
    }

    @Test
    void anEmptyObjectMissesEveryRequiredField() {
        OrderApiFixture.Reply reply = place(client, "{}");

        assertEquals(Map.of("userId", "is required", "items", "is required"), assertInvalid(reply));
        assertEquals("2 fields are invalid", reply.json().path("detail").textValue());
    }

    @Test
    void nullIsAMissingField() {
        assertEquals(Map.of("userId", "is required", "items", "is required"),
                     assertInvalid(place(client, "{\"userId\":null,\"items\":null}")));
    }

    @Test
    void anItemMissingItsFieldsIsInvalid() {
        String body = "{\"userId\":1,\"items\":[{},{\"sku\":\"a\",\"quantity\":null,\"unitPriceCents\":1}]}";

        assertEquals(Map.of("items[0].sku", "is required",
                            "items[0].quantity", "is required",
                            "items[0].unitPriceCents", "is required",
                            "items[1].quantity", "is required"),
                     assertInvalid(place(client, body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"userId\":1,", "{'userId':1}", "{userId:1}", "{\"userId\":1,}",
                            "{\"userId\":01}", "{\"userId\":1 \"items\":[]}", "{\"userId\":1,\"userId\":2}",
                            "{\"userId\":NaN}", "{\"userId\":1}}", "{\"userId\":\"\\x\"}", "order"})
    void malformedJsonIsABadRequest(String body) {
        JsonNode problem = assertMalformed(place(client, body));

        assertTrue(problem.path("detail").textValue().startsWith("The body is not valid JSON"), problem.toString());
    }

    @Test
    void bytesThatAreNotUtf8AreMalformed() {
        byte[] body = {'{', '"', (byte) 0xff, '"', ':', '1', '}'};

        try (Http1ClientResponse response = client.post(ORDERS)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit(body)) {
            assertMalformed(reply(response));
        }
    }

    @Test
    void contentAfterTheObjectIsMalformed() {
        JsonNode problem = assertMalformed(place(client, "{\"userId\":1,\"items\":[]} {}"));

        assertEquals("The body is not valid JSON: there is more content after the JSON value (line 1, column 25).",
                     problem.path("detail").textValue());
    }

    @Test
    void jsonNestedTooDeeplyIsMalformedWithoutNamingTheParser() {
        String deep = "{\"userId\":" + "[".repeat(1500) + "]".repeat(1500) + "}";

        JsonNode problem = assertMalformed(place(client, deep));
        assertTrue(problem.path("detail").textValue().contains("nests too deep"), problem.toString());
    }

    @Test
    void aHugeArrayOfItemsIsReportedOnceNotPerElement() {
        String items = String.join(",", java.util.Collections.nCopies(5000, "{}"));

        assertEquals(Map.of("items", "must have at most 50 items"),
                     assertInvalid(place(client, "{\"userId\":1,\"items\":[" + items + "]}")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            []                 | an array
            [{"userId":1}]     | an array
            "order"            | a string
            42                 | an integer
            4.2                | a decimal number
            true               | a boolean
            null               | null
            """)
    void jsonThatIsNotAnObjectIsABadRequest(String body, String kind) {
        JsonNode problem = assertMalformed(place(client, body));

        assertEquals("The body must be a JSON object, not " + kind + ".", problem.path("detail").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void anEmptyBodyIsABadRequest(String body) {
        JsonNode problem = assertMalformed(place(client, body));

        assertEquals("The request needs a JSON object body.", problem.path("detail").textValue());
    }

    @Test
    void aBadRequestIsNotStored() {
        long user = USERS.register();

        assertProblem(place(client, order(user, item("a", 0, 1))), Status.BAD_REQUEST_400);
        assertProblem(place(client, "{\"userId\":" + user + ",\"items\":[{\"sku\":\"a\",\"quantity\":1}]}"),
                      Status.BAD_REQUEST_400);

        assertNoOrdersOf(client, user);
    }
}
