package dev.cleave.order.adapter.http;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS_V2;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.get;
import static dev.cleave.order.adapter.http.OrderApiFixture.itemV2;
import static dev.cleave.order.adapter.http.OrderApiFixture.money;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.placed;
import static dev.cleave.order.adapter.http.OrderApiFixture.postJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code /v2/orders}: money as an exact decimal string with its ISO 4217 currency, as many digits after the point
 * as the currency has minor units; the same orders as v1, from the same domain.
 */
class PlacingAnOrderInV2OverHttpTest extends OrderApiRoutingTest {
    PlacingAnOrderInV2OverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void anOrderIsPlacedWithMoneyInItsCurrencyAndShownWithItsTotal() {
        long user = USERS.register();

        OrderApiFixture.Reply reply = postJson(client, ORDERS_V2, order(user, itemV2("book", 3, "19.99", "EUR"),
                                                                        itemV2("pen", 2, "0.5", "EUR")));

        JsonNode body = assertJson(reply, Status.CREATED_201);
        assertEquals(ORDERS_V2 + "/" + body.path("id").asLong(), reply.header(HeaderNames.LOCATION));
        assertEquals("\"1\"", reply.header(HeaderNames.ETAG));
        assertEquals(money("19.99", "EUR"), body.path("items").get(0).path("unitPrice"));
        assertEquals(money("0.50", "EUR"), body.path("items").get(1).path("unitPrice"), "exactly two digits");
        assertEquals(money("60.97", "EUR"), body.path("total"));
        assertFalse(body.has("totalCents"), body.toString());
        assertEquals(body, assertJson(get(client, reply.header(HeaderNames.LOCATION)), Status.OK_200));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            JPY | 1500     | 1500     | 3000
            BHD | 1.25     | 1.250    | 2.500
            USD | 1000000  | 1000000.00 | 2000000.00
            CHF | 0        | 0.00     | 0.00
            """)
    void eachCurrencyCountsInItsOwnMinorUnits(String currency, String sent, String shown, String total) {
        JsonNode body = placed(client, ORDERS_V2, order(USERS.register(), itemV2("a", 2, sent, currency)));

        assertEquals(money(shown, currency), body.path("items").get(0).path("unitPrice"));
        assertEquals(money(total, currency), body.path("total"));
    }

    @Test
    void aV1OrderReadsInV2InTheV1Currency() {
        JsonNode v1 = placed(client, ORDERS, anOrder(USERS.register()));

        JsonNode v2 = assertJson(get(client, ORDERS_V2 + "/" + v1.path("id").asLong()), Status.OK_200);

        assertEquals(money("30.97", "EUR"), v2.path("total"));
        assertEquals(List.of(money("12.50", "EUR"), money("1.99", "EUR")),
                     v2.path("items").findValues("unitPrice"));
    }

    @Test
    void aV2OrderInTheV1CurrencyReadsInV1InCents() {
        JsonNode v2 = placed(client, ORDERS_V2, order(USERS.register(), itemV2("a", 1, "19.99", "EUR")));

        JsonNode v1 = assertJson(get(client, ORDERS + "/" + v2.path("id").asLong()), Status.OK_200);

        assertEquals(1999, v1.path("totalCents").asLong());
        assertEquals(1999, v1.path("items").get(0).path("unitPriceCents").asLong());
    }

    @Test
    void cancellingInV2AnswersTheCancelledOrderInV2() {
        JsonNode order = placed(client, ORDERS_V2, order(USERS.register(), itemV2("a", 1, "5", "GBP")));

        OrderApiFixture.Reply reply = send(client.post(ORDERS_V2 + "/" + order.path("id").asLong() + "/cancel")
                                                   .header(HeaderNames.IF_MATCH, "\"1\""));

        JsonNode cancelled = assertJson(reply, Status.OK_200);
        assertEquals("CANCELLED", cancelled.path("status").textValue());
        assertEquals(money("5.00", "GBP"), cancelled.path("total"));
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void theV2ListingShowsOrdersInEveryCurrency() {
        long user = USERS.register();
        placed(client, ORDERS, anOrder(user));
        placed(client, ORDERS_V2, order(user, itemV2("a", 1, "7", "JPY")));

        JsonNode page = assertJson(send(client.get(ORDERS_V2).queryParam("userId", Long.toString(user))),
                                   Status.OK_200);

        assertEquals(List.of("JPY", "EUR"), page.path("items").findValues("total").stream()
                .map(total -> total.path("currency").textValue()).toList());
    }
}
