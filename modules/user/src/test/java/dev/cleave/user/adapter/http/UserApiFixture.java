package dev.cleave.user.adapter.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.testing.TestCallers;
import dev.cleave.platform.web.Json;
import dev.cleave.platform.web.ProblemHandlers;
import dev.cleave.user.wiring.UserContextProvider;
import io.helidon.config.Config;
import io.helidon.http.ClientResponseHeaders;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The user context started alone, as the launcher would start it, on an embedded H2 file in a fresh temporary
 * directory; and helpers to build requests, send them, read replies and check what every response of the
 * {@code /v1/users} contract must be.
 */
final class UserApiFixture implements AutoCloseable {
    static final String USERS = "/v1/users";
    static final String JSON = "application/json";

    private static final String PROBLEM_JSON = "application/problem+json";

    // What a response body must never show: Java class or package names, stack frames, SQL, the schema.
    private static final List<String> INTERNALS = List.of(
            "dev.cleave", "Exception", "java.", "javax.", "jdk.", "io.helidon", "com.fasterxml", "com.zaxxer",
            "org.h2", "org.flyway", "\tat ", "Caused by", ".java:", "SQL", "INSERT INTO", "DELETE FROM",
            "UPDATE users", "SELECT ", "users_email", "CONSTRAINT", "jdbc:", "StreamReadConstraints");

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
        return start(routing, Config.empty());
    }

    /**
     * Starts the context with a configuration of the test's, e.g. one naming a PostgreSQL database, and adds its
     * routes and the platform's error handlers to a routing.
     */
    static UserApiFixture start(HttpRouting.Builder routing, Config config) {
        try {
            Path dataDir = Files.createTempDirectory("user-api");
            UserContextProvider provider = new UserContextProvider();
            RunningContext context = provider.start(ContextSetup.of(config, dataDir, provider, Map.of()));
            TestCallers.install(routing);
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

    // ---- requests

    /** Registers a user and checks it was created. */
    static Reply register(Http1Client client, String name, String email) {
        Reply reply = post(client, USERS, user(name, email));
        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        return reply;
    }

    // The client takes a string as a path and would encode its '?', so a query is split into parameters here.
    static Reply get(Http1Client client, String uri) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return send(client.get(uri), null);
        }
        Http1ClientRequest request = client.get(uri.substring(0, question));
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : uri.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(equals < 0 ? "" : pair.substring(equals + 1));
        }
        query.forEach((name, values) -> request.queryParam(name, values.toArray(String[]::new)));
        return send(request, null);
    }

    static Reply delete(Http1Client client, String uri) {
        return send(client.delete(uri), null);
    }

    static Reply post(Http1Client client, String uri, String body) {
        return send(client.post(uri).header(HeaderNames.CONTENT_TYPE, JSON), body);
    }

    static Reply put(Http1Client client, String uri, String body) {
        return send(client.put(uri).header(HeaderNames.CONTENT_TYPE, JSON), body);
    }

    static Reply put(Http1Client client, String uri, String body, String ifMatch) {
        return send(client.put(uri).header(HeaderNames.CONTENT_TYPE, JSON).header(HeaderNames.IF_MATCH, ifMatch),
                    body);
    }

    /** Sends a request, with a body unless it is {@code null}, and reads the reply whole. */
    static Reply send(Http1ClientRequest request, String body) {
        return Reply.of(body == null ? request.request() : request.submit(body));
    }

    // ---- reading replies

    /** The ids of a page's items, in the order listed. */
    static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ---- checks

    /**
     * Checks a problem response: its status, media type, the RFC 9457 members, that it is not cached, and that it
     * leaks nothing of the server's insides.
     */
    static JsonNode assertProblem(Reply reply, Status status, String type, String title) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(PROBLEM_JSON, reply.header(HeaderNames.CONTENT_TYPE), reply::toString);
        assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL), reply::toString);
        assertLeaksNothing(reply.body());
        JsonNode problem = reply.json();
        assertEquals("urn:cleave:problem:" + type, problem.path("type").asText(), reply::toString);
        assertEquals(title, problem.path("title").asText(), reply::toString);
        assertTrue(problem.path("status").isInt(), reply::toString);
        assertEquals(status.code(), problem.path("status").asInt(), reply::toString);
        assertTrue(problem.path("detail").isTextual() && !problem.path("detail").asText().isBlank(),
                   reply::toString);
        return problem;
    }

    /** Checks a 400 invalid-input problem whose {@code errors} are exactly these {@code field: message} lines. */
    static void assertInvalid(Reply reply, String... errors) {
        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "invalid-input", "Invalid input");
        assertEquals(List.of(errors), reply.errors(), reply::toString);
        for (JsonNode error : problem.get("errors")) {
            assertEquals(Set.of("field", "message"), fieldNames(error));
        }
    }

    private static void assertLeaksNothing(String body) {
        assertNotNull(body);
        for (String internal : INTERNALS) {
            if (body.contains(internal)) {
                fail("the response leaks '" + internal + "': " + body);
            }
        }
    }
}
