package dev.cleave.order.adapter.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.order.wiring.OrderContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.testing.TestCallers;
import dev.cleave.platform.web.Json;
import dev.cleave.platform.web.ProblemHandlers;
import dev.cleave.user.api.UserDirectory;
import io.helidon.config.Config;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts the order context as the launcher would, on a real embedded H2 database in a temporary directory and with
 * an in-memory {@link UserDirectory}, and speaks its v1 API: requests, order bodies and the checks every response
 * of the contract must pass.
 */
final class OrderApiFixture implements AutoCloseable {
    static final String ORDERS = "/v1/orders";
    static final String ORDERS_V2 = "/v2/orders";

    // What a response body must never show: stack frames, Java class or package names, SQL.
    private static final List<Pattern> INTERNALS = Stream.of(
                    "dev\\.cleave", "Exception", "java\\.", "javax\\.", "jdk\\.", "com\\.fasterxml", "io\\.helidon",
                    "org\\.h2", "com\\.zaxxer", "org\\.flywaydb", "\\bat [\\w$.]+\\(", "\\.java:\\d+",
                    "(?i)\\bselect\\b.*\\bfrom\\b", "(?i)\\binsert\\s+into\\b", "(?i)\\bupdate\\s+\\w+\\s+set\\b",
                    "(?i)\\bdelete\\s+from\\b", "(?i)\\bwhere\\b", "order_items", "(?i)\\bsql\\b")
            .map(Pattern::compile)
            .toList();

    private final Path dataDir;
    private final RunningContext context;

    private OrderApiFixture(Path dataDir, RunningContext context) {
        this.dataDir = dataDir;
        this.context = context;
    }

    /**
     * Starts the order context into a routing, with the platform's problem handlers, as an assembly does.
     */
    static OrderApiFixture start(HttpRouting.Builder routing, UserDirectory users) {
        return start(routing, users, Config.empty());
    }

    /**
     * Starts the order context with a configuration of the test's, e.g. one naming a PostgreSQL database.
     */
    static OrderApiFixture start(HttpRouting.Builder routing, UserDirectory users, Config config) {
        try {
            Path dataDir = Files.createTempDirectory("order-routing");
            OrderContextProvider provider = new OrderContextProvider();
            RunningContext context = provider.start(
                    ContextSetup.of(config, dataDir, provider, Map.of(UserDirectory.class, users)));
            // As the assembly orders them: the context's edge filters (v1's deprecation) before the callers'.
            context.edgeFilters().forEach(routing::addFilter);
            TestCallers.install(routing);
            context.routing(routing);
            ProblemHandlers.install(routing);
            return new OrderApiFixture(dataDir, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        context.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- request bodies

    static String item(String sku, long quantity, long unitPriceCents) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPriceCents\":" + unitPriceCents + "}";
    }

    static String order(long userId, String... items) {
        return "{\"userId\":" + userId + ",\"items\":[" + String.join(",", items) + "]}";
    }

    /** A v2 line: its price is money, {@code {"amount": "19.99", "currency": "EUR"}}. */
    static String itemV2(String sku, long quantity, String amount, String currency) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"unitPrice\":{\"amount\":\"" + amount
               + "\",\"currency\":\"" + currency + "\"}}";
    }

    /** A valid order of two lines, 2 × 1250 + 3 × 199 = 3097 cents. */
    static String anOrder(long userId) {
        return order(userId, item("book", 2, 1250), item("pen", 3, 199));
    }

    // ---- requests

    /** A response read whole, so the connection is released before the test looks at it. */
    record Reply(Status status, Headers headers, String body) {
        String header(HeaderName name) {
            return headers.first(name).orElse(null);
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    static Reply send(Http1ClientRequest request) {
        try (Http1ClientResponse response = request.request()) {
            return reply(response);
        }
    }

    static Reply send(Http1ClientRequest request, String body) {
        try (Http1ClientResponse response = request.submit(body)) {
            return reply(response);
        }
    }

    static Reply reply(Http1ClientResponse response) {
        String body = response.entity().hasEntity() ? response.as(String.class) : "";
        return new Reply(response.status(), response.headers(), body);
    }

    static Reply postJson(Http1Client client, String path, String body) {
        return send(client.post(path).header(HeaderNames.CONTENT_TYPE, "application/json"), body);
    }

    static Reply place(Http1Client client, String body) {
        return postJson(client, ORDERS, body);
    }

    /** Places an order and checks it was created; returns the order's body. */
    static JsonNode placed(Http1Client client, String body) {
        return placed(client, ORDERS, body);
    }

    /** Places an order through one version ({@link #ORDERS}, {@link #ORDERS_V2}); returns the order's body. */
    static JsonNode placed(Http1Client client, String version, String body) {
        return assertJson(postJson(client, version, body), Status.CREATED_201);
    }

    /** Money as v2 shows it. */
    static JsonNode money(String amount, String currency) {
        return Json.mapper().createObjectNode().put("amount", amount).put("currency", currency);
    }

    static Reply get(Http1Client client, String path) {
        return send(client.get(path));
    }

    static Reply cancel(Http1Client client, long id) {
        return send(client.post(ORDERS + "/" + id + "/cancel"));
    }

    static Reply cancel(Http1Client client, long id, String ifMatch) {
        return send(client.post(ORDERS + "/" + id + "/cancel").header(HeaderNames.IF_MATCH, ifMatch));
    }

    /** {@code GET /v1/orders} with query parameters given as name, value, name, value... */
    static Reply list(Http1Client client, String... nameValues) {
        Http1ClientRequest request = client.get(ORDERS);
        for (int i = 0; i < nameValues.length; i += 2) {
            request.queryParam(nameValues[i], nameValues[i + 1]);
        }
        return send(request);
    }

    /** Checks that a user has no stored orders. */
    static void assertNoOrdersOf(Http1Client client, long userId) {
        JsonNode page = assertJson(list(client, "userId", Long.toString(userId)), Status.OK_200);
        assertEquals(0, page.path("items").size(), page.toString());
    }

    // ---- checks

    /** A JSON success: its status and {@code application/json}; returns the body. */
    static JsonNode assertJson(Reply reply, Status status) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals("application/json", reply.header(HeaderNames.CONTENT_TYPE), reply.body());
        return reply.json();
    }

    /**
     * A problem: its status, {@code application/problem+json}, {@code type}, {@code title}, {@code status} and
     * {@code detail} present and consistent, and nothing internal in it; returns the body.
     */
    static JsonNode assertProblem(Reply reply, Status status) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.header(HeaderNames.CONTENT_TYPE), reply.body());
        JsonNode problem = reply.json();
        assertAll(reply.body(),
                  () -> assertTrue(problem.path("type").isTextual()
                                   && problem.path("type").textValue().startsWith("urn:cleave:problem:")),
                  () -> assertTrue(problem.path("title").isTextual() && !problem.path("title").textValue().isBlank()),
                  () -> assertEquals(status.code(), problem.path("status").asInt(-1)),
                  () -> assertTrue(problem.path("detail").isTextual()
                                   && !problem.path("detail").textValue().isBlank()));
        assertNoInternals(reply.body());
        return problem;
    }

    /** A problem of a given kind, e.g. {@code not-found}. */
    static JsonNode assertProblem(Reply reply, Status status, String kind) {
        JsonNode problem = assertProblem(reply, status);
        assertEquals("urn:cleave:problem:" + kind, problem.path("type").textValue(), reply.body());
        return problem;
    }

    /** A 400 malformed-request problem, which has no {@code errors}. */
    static JsonNode assertMalformed(Reply reply) {
        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "malformed-request");
        assertFalse(problem.has("errors"), reply.body());
        return problem;
    }

    /** A 400 invalid-input problem; returns its {@code errors} as field to message, in the order reported. */
    static Map<String, String> assertInvalid(Reply reply) {
        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "invalid-input");
        JsonNode errors = problem.path("errors");
        assertTrue(errors.isArray() && !errors.isEmpty(), reply.body());
        Map<String, String> byField = new LinkedHashMap<>();
        for (JsonNode error : errors) {
            assertTrue(error.path("field").isTextual() && error.path("message").isTextual(), reply.body());
            String before = byField.put(error.get("field").textValue(), error.get("message").textValue());
            assertNull(before, "a field reported twice: " + reply.body());
        }
        return byField;
    }

    static void assertNoInternals(String body) {
        for (Pattern internal : INTERNALS) {
            assertFalse(internal.matcher(body).find(), "response shows internals (" + internal + "): " + body);
        }
    }

    static List<Long> ids(JsonNode items) {
        return Stream.iterate(0, i -> i < items.size(), i -> i + 1).map(i -> items.get(i).path("id").asLong())
                .collect(Collectors.toList());
    }
}
