package dev.cleave.platform.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.cleave.platform.web.ProblemHandlers;
import dev.cleave.platform.web.RequestIds;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One access-log line per request, with its method, route template, status, duration and id; a problem answer's
 * {@code instance} is that id, so a caller quoting it finds the line. A caller's valid {@code traceparent} gives the
 * id.
 */
@ServerTest
class LoggingEveryRequestTest {
    private static final Logger ACCESS = Logger.getLogger("dev.cleave.access");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Http1Client client;

    LoggingEveryRequestTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ProblemHandlers.install(routing);
        // In the order the assembly registers them: the caller's trace context is continued before the id is taken.
        routing.addFilter(ServerTracing.filter("test"))
                .addFilter(RequestIds.filter())
                .addFilter(AccessLog.filter())
                .get("/v1/things/{id}", (req, res) -> res.send("one"));
    }

    @BeforeEach
    void listen() {
        ACCESS.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        ACCESS.removeHandler(capture);
    }

    @Test
    void aProblemsInstanceIsTheIdInItsRequestsLogLine() {
        String body;
        try (Http1ClientResponse response = client.get("/v1/nothing/secret-typed-by-a-caller").request()) {
            assertEquals(Status.NOT_FOUND_404, response.status());
            body = response.as(String.class);
        }
        String id = body.replaceFirst("(?s).*\"instance\":\"urn:cleave:request:([0-9a-f]{32})\".*", "$1");
        assertEquals(32, id.length(), body);

        String line = awaitLine(id);
        assertTrue(line.matches("GET unmatched 404 [0-9]+\\.[0-9] ms request=" + id), line);
    }

    @Test
    void aValidTraceparentGivesTheRequestItsTraceId() {
        client.get("/v1/things/7").header(HeaderNames.create("traceparent"),
                                          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .request().close();

        String line = awaitLine("4bf92f3577b34da6a3ce929d0e0e4736");
        assertTrue(line.startsWith("GET /v1/things/{id} 200 "), line);
    }

    @Test
    void anInvalidTraceparentIsIgnored() {
        client.get("/v1/things/8").header(HeaderNames.create("traceparent"),
                                          "00-00000000000000000000000000000000-00f067aa0ba902b7-01")
                .request().close();

        String line = awaitLine("GET /v1/things/{id} 200 ");
        assertTrue(line.matches(".* request=[0-9a-f]{32}") && !line.contains("request=0000"), line);
    }

    // A line is written once the answer is sent, which can be a moment after the client has read it.
    private String awaitLine(String containing) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.contains(containing)) {
                    return line;
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no access-log line with " + containing + " in " + lines);
    }
}
