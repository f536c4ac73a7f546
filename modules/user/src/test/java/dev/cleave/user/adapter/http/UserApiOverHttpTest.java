package dev.cleave.user.adapter.http;

import dev.cleave.platform.web.ProblemDirectHandler;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.AfterAll;

/**
 * The {@code /v1/users} contract over a real socket, with the server limits and pre-routing error handlers the
 * launcher sets. Named {@code *Test}, not {@code *IT}: this module binds no failsafe run, and it takes seconds.
 */
@ServerTest
class UserApiOverHttpTest extends AbstractUserApiTest {
    private static UserApiFixture api;

    UserApiOverHttpTest(Http1Client client) {
        super(client);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.maxPayloadSize(1024 * 1024)
                .directHandlers(ProblemDirectHandler.forAllEvents());
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
