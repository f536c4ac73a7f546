package dev.cleave.user.adapter.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;

/**
 * The {@code /v1/users} contract in memory: the routing is called directly, without a socket.
 */
@RoutingTest
class UserApiTest extends AbstractUserApiTest {
    private static UserApiFixture api;

    UserApiTest(DirectClient client) {
        super(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        api = UserApiFixture.start(routing);
    }

    @AfterAll
    static void stop() {
        api.close();
    }
}
