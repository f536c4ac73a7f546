package dev.cleave.order.adapter.http;

import java.util.Map;

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

import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.place;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code CLEAVE_ORDER_V1_GONE_AFTER_SUNSET=true} retires v1 only once its sunset has passed: before it, v1 serves as
 * ever, with the configured dates.
 */
@RoutingTest
class KeepingV1UntilItsSunsetTest {
    private static OrderApiFixture api;
    private static KnownUsers users;

    private final Http1Client client;

    KeepingV1UntilItsSunsetTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        users = new KnownUsers();
        api = OrderApiFixture.start(routing, users, Config.just(ConfigSources.create(Map.of(
                "cleave.order.v1.sunset", "2999-01-01T00:00:00Z",
                "cleave.order.v1.gone-after-sunset", "true"))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void beforeTheSunsetV1StillPlacesOrders() {
        OrderApiFixture.Reply reply = place(client, anOrder(users.register()));

        assertJson(reply, Status.CREATED_201);
        assertEquals("Tue, 01 Jan 2999 00:00:00 GMT", reply.header(HeaderNames.create("Sunset")));
    }
}
