package dev.cleave.user.adapter.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.web.Json;
import dev.cleave.platform.web.ProblemHandlers;
import dev.cleave.user.wiring.UserContextProvider;
import io.helidon.config.Config;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderName;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webserver.http.HttpRouting;

/**
 * The user context started alone, as the launcher would start it, on an embedded H2 file in a fresh temporary
 * directory; and helpers to build requests and read replies.
 */
final class UserApiFixture implements AutoCloseable {
    private final Path dataDir;
    private final RunningContext context;

    private UserApiFixture(Path dataDir, RunningContext context) {
        this.dataDir = dataDir;
        this.context = context;
    }

    /**
     * Starts the context on a new database and adds its routes and the platform's error handlers to a routing.
     */
    static UserApiFixture start(HttpRouting.Builder routing) {
        try {
            Path dataDir = Files.createTempDirectory("user-api");
            UserContextProvider provider = new UserContextProvider();
            RunningContext context = provider.start(ContextSetup.of(Config.empty(), dataDir, provider, Map.of()));
            context.routing(routing);
            ProblemHandlers.install(routing);
            return new UserApiFixture(dataDir, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** An email no other test uses, so tests never depend on each other's users or on their order. */
    static String uniqueEmail(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 13) + "@example.com";
    }

    /** A JSON object with the given properties, in order; values may be {@code null}. */
    static String json(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return Json.mapper().writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String user(String name, String email) {
        return json("name", name, "email", email);
    }

    /** A cursor as PageQuery encodes them, for a listing and id of our choosing. */
    static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode tree(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /**
     * A response read to the end and closed.
     *
     * @param status  the status
     * @param headers the headers
     * @param body    the body, empty if there was none
     */
    record Reply(Status status, ClientResponseHeaders headers, String body) {
        static Reply of(HttpClientResponse response) {
            try (response) {
                String body = response.entity().hasEntity() ? response.as(String.class) : "";
                return new Reply(response.status(), response.headers(), body);
            }
        }

        String header(HeaderName name) {
            return headers.first(name).orElse(null);
        }

        JsonNode json() {
            return tree(body);
        }

        /** Every error's {@code errors} as {@code field: message} lines, in order. */
        List<String> errors() {
            JsonNode errors = json().get("errors");
            if (errors == null || !errors.isArray()) {
                throw new AssertionError("no errors array in " + body);
            }
            return StreamSupport.stream(errors.spliterator(), false)
                    .map(e -> e.get("field").asText() + ": " + e.get("message").asText())
                    .toList();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
