package dev.cleave.user.adapter.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.cleave.platform.http.ProblemHandlers;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.user.wiring.UserContextProvider;
import io.helidon.config.Config;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@RoutingTest
class UserRoutingTest {
    private static Path dataDir;
    private static RunningContext context;

    private final Http1Client client;

    UserRoutingTest(DirectClient client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) throws IOException {
        dataDir = Files.createTempDirectory("user-routing");
        UserContextProvider provider = new UserContextProvider();
        context = provider.start(ContextSetup.of(Config.empty(), dataDir, provider, Map.of()));
        context.routing(routing);
        ProblemHandlers.install(routing);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void registeringAUserAnswersCreated() {
        try (Http1ClientResponse response = client.post("/v1/users")
                .header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"name\":\"Ada\",\"email\":\"ada@example.com\"}")) {
            assertEquals(Status.CREATED_201, response.status(), response.as(String.class));
        }
    }
}
