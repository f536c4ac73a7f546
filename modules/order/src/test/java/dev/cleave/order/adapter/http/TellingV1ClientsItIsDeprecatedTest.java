package dev.cleave.order.adapter.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS_V2;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.get;
import static dev.cleave.order.adapter.http.OrderApiFixture.itemV2;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.place;
import static dev.cleave.order.adapter.http.OrderApiFixture.postJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every v1 answer, successes and problems alike, carries {@code Deprecation} (RFC 9745), {@code Sunset} (RFC 8594)
 * and a {@code Link} to the migration notes, with the default dates; v2 answers carry none of them.
 */
class TellingV1ClientsItIsDeprecatedTest extends OrderApiRoutingTest {
    private static final HeaderName DEPRECATION = HeaderNames.create("Deprecation");
    private static final HeaderName SUNSET = HeaderNames.create("Sunset");

    TellingV1ClientsItIsDeprecatedTest(DirectClient client) {
        super(client);
    }

    @Test
    void successesCarryTheDeprecation() {
        OrderApiFixture.Reply placed = place(client, anOrder(USERS.register()));

        assertDeprecated(placed);
        assertDeprecated(get(client, placed.header(HeaderNames.LOCATION)));
        assertDeprecated(get(client, ORDERS));
    }

    @Test
    void problemsCarryTheDeprecation() {
        assertDeprecated(get(client, ORDERS + "/987654"));
        assertDeprecated(place(client, "{\"userId\":0}"));
        assertDeprecated(send(client.method(Method.PUT).path(ORDERS + "/1")));
        assertDeprecated(get(client, ORDERS + "/1/nothing"));
        assertDeprecated(postJson(client, ORDERS, "not json"));
    }

    @Test
    void v2AnswersCarryNoDeprecation() {
        OrderApiFixture.Reply placed = postJson(client, ORDERS_V2,
                                                order(USERS.register(), itemV2("a", 1, "1.00", "EUR")));
        OrderApiFixture.Reply missing = get(client, ORDERS_V2 + "/987654");

        for (OrderApiFixture.Reply reply : new OrderApiFixture.Reply[] {placed, missing}) {
            assertAll(reply.body(),
                      () -> assertNull(reply.header(DEPRECATION)),
                      () -> assertNull(reply.header(SUNSET)),
                      () -> assertNull(reply.header(HeaderNames.LINK)));
        }
    }

    private static void assertDeprecated(OrderApiFixture.Reply reply) {
        assertAll(reply.status() + " " + reply.body(),
                  // 2026-12-03T00:00:00Z and 2028-12-31T23:59:59Z, the defaults.
                  () -> assertEquals("@1796256000", reply.header(DEPRECATION)),
                  () -> assertEquals("Sun, 31 Dec 2028 23:59:59 GMT", reply.header(SUNSET)),
                  () -> assertEquals("</docs#/migrating-to-v2>; rel=\"deprecation\"; type=\"text/html\"",
                                     reply.header(HeaderNames.LINK)));
    }
}
