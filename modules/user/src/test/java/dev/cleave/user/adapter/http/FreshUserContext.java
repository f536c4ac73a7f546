package dev.cleave.user.adapter.http;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;

/**
 * What every test of {@code /v1/users} needs, in memory or over a socket: the user context started alone on a
 * fresh database for the test class, its routes and the platform's error handlers in a routing, and a client for
 * it. Test classes run one after another, so each gets its own context; every test registers users with emails of
 * its own, so none depends on another or on their order.
 */
abstract class FreshUserContext {
    private static UserApiFixture api;

    final Http1Client client;

    FreshUserContext(Http1Client client) {
        this.client = client;
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
