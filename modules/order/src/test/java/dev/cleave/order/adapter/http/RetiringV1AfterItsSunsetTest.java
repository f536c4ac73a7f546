package dev.cleave.order.adapter.http;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS_V2;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.get;
import static dev.cleave.order.adapter.http.OrderApiFixture.itemV2;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.place;
import static dev.cleave.order.adapter.http.OrderApiFixture.placed;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With {@code CLEAVE_ORDER_V1_GONE_AFTER_SUNSET=true} and the sunset passed, every v1 request answers {@code 410}
 * with a problem naming v2, still with the deprecation headers; v2 goes on serving the same orders.
 */
@RoutingTest
class RetiringV1AfterItsSunsetTest {
    private static OrderApiFixture api;
    private static KnownUsers users;

    private final Http1Client client;

    RetiringV1AfterItsSunsetTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        users = new KnownUsers();
        api = OrderApiFixture.start(routing, users, Config.just(ConfigSources.create(Map.of(
                "cleave.order.v1.deprecation", "2020-01-01T00:00:00Z",
                "cleave.order.v1.sunset", "2021-06-30T12:00:00Z",
                "cleave.order.v1.deprecation-link", "https://example.com/migrating",
                "cleave.order.v1.gone-after-sunset", "true"))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void everyV1RequestIsGoneNamingV2() {
        for (OrderApiFixture.Reply reply : new OrderApiFixture.Reply[] {
                place(client, anOrder(users.register())), get(client, ORDERS), get(client, ORDERS + "/1")}) {
            JsonNode problem = assertProblem(reply, Status.GONE_410, "gone");

            assertEquals("/v1/orders was retired on 2021-06-30T12:00:00Z (its sunset); use /v2/orders.",
                         problem.path("detail").textValue());
            assertEquals("@1577836800", reply.header(HeaderNames.create("Deprecation")));
            assertEquals("Wed, 30 Jun 2021 12:00:00 GMT", reply.header(HeaderNames.create("Sunset")));
            assertEquals("<https://example.com/migrating>; rel=\"deprecation\"; type=\"text/html\"",
                         reply.header(HeaderNames.LINK));
        }
    }

    @Test
    void v2StillServes() {
        long id = placed(client, ORDERS_V2, order(users.register(), itemV2("a", 1, "3.00", "EUR"))).path("id")
                .asLong();

        assertEquals(Status.OK_200, get(client, ORDERS_V2 + "/" + id).status());
    }
}
