package dev.cleave.platform.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.TreeSet;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.web.Callers;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * A Helidon server on a free loopback port with one authentication filter in front of {@code /whoami} (which answers
 * the caller's subject and roles) and {@code /observe/health/live}; and a plain HTTP client of it.
 */
final class ProtectedServer implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final WebServer server;

    ProtectedServer(Authentication authentication) {
        this(HttpRouting.builder()
                     .addFilter(authentication.filter())
                     .get("/whoami", (request, response) -> {
                         Caller caller = Callers.of(request);
                         response.send(caller.subject() + " " + new TreeSet<>(caller.roles()));
                     })
                     .get("/observe/health/live", (request, response) -> response.send("UP")));
    }

    /** A server of a routing the test built, e.g. with other filters in front. */
    ProtectedServer(HttpRouting.Builder routing) {
        this.server = WebServer.builder().host("127.0.0.1").port(0).addRouting(routing).build().start();
    }

    /** {@code GET path} with the given headers, as name, value pairs. */
    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /whoami} with a bearer token. */
    HttpResponse<String> whoami(String token) {
        return get("/whoami", "Authorization", "Bearer " + token);
    }

    @Override
    public void close() {
        server.stop();
    }
}
