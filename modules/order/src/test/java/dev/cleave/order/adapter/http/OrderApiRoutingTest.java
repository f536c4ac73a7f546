package dev.cleave.order.adapter.http;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;

/**
 * What every in-memory test of {@code /v1/orders} needs: the order context on a fresh database behind Helidon's
 * routing, a client for it, and the user directory it asks. Test classes run one after another, so each gets its
 * own context and directory.
 */
@RoutingTest
abstract class OrderApiRoutingTest {
    /** The users the order context can see; tests register their own. */
    static KnownUsers USERS;
    private static OrderApiFixture api;

    final Http1Client client;

    OrderApiRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        USERS = new KnownUsers();
        api = OrderApiFixture.start(routing, USERS);
    }

    @AfterAll
    static void stop() {
        api.close();
    }
}
