package dev.cleave.contract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split services send their spans to a real Zipkin ({@code OTEL_TRACES_EXPORTER=zipkin}, nothing else set but
 * its endpoint and a short export delay), and a trace follows a request across the hop and an event through the
 * broker: placing an order is one trace from the order service's server span through its call to the user
 * service's server span; deleting a user is one trace from the user service's server span through its transaction,
 * the relay's publish to RabbitMQ and the order service's consumer to the transaction that cancels the order.
 * Each trace starts with the caller's W3C {@code traceparent}, whose trace id is also the request's id.
 */
class TracesAcrossBothServicesIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    @TempDir
    static Path dataDir;
    private static ZipkinServer zipkin;
    private static SplitServices services;

    @BeforeAll
    static void start() {
        zipkin = ZipkinServer.start(dataDir);
        services = SplitServices.startBoth(dataDir, Map.of("OTEL_TRACES_EXPORTER", "zipkin",
                                                           "OTEL_EXPORTER_ZIPKIN_ENDPOINT", zipkin.spansEndpoint(),
                                                           "OTEL_BSP_SCHEDULE_DELAY", "100"));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (zipkin != null) {
            zipkin.close();
        }
    }

    @Test
    void aPlacedOrderIsOneTraceThroughTheOrderServiceIntoTheUserService() {
        Api api = services.api();
        long user = registerUser(api);
        String traceId = newTraceId();
        String callersSpan = "00f067aa0ba902b7";

        Api.Reply order = api.postJson("/v1/orders", ContractSuite.order(user),
                                       "traceparent", "00-" + traceId + "-" + callersSpan + "-01");
        assertEquals(201, order.status(), order::toString);

        List<JsonNode> spans = awaitSpans(traceId, 3, "cleave-user", "SERVER", "get /v1/users/{id}");
        JsonNode orderServer = only(spans, "cleave-order", "SERVER", "post /v1/orders");
        assertEquals(callersSpan, orderServer.path("parentId").asText(), "continues the caller's span");
        assertEquals("order", orderServer.path("tags").path("cleave.assembly").asText());
        JsonNode call = only(spans, "cleave-order", "CLIENT", "get /v1/users/{id}");
        assertEquals("UserDirectory", call.path("tags").path("rpc.service").asText());
        JsonNode userServer = only(spans, "cleave-user", "SERVER", "get /v1/users/{id}");
        assertEquals(call.path("id").asText(), userServer.path("parentId").asText(), "the hop: " + spans);
        assertEquals("user", userServer.path("tags").path("cleave.assembly").asText());
        JsonNode transaction = only(spans, "cleave-order", "CLIENT", "transaction order");
        assertEquals("order", transaction.path("tags").path("cleave.context").asText());
    }

    @Test
    void aUsersDeletionIsOneTraceThroughTheRelayAndTheBrokerToTheOrdersCancellation() {
        Api api = services.api();
        long user = registerUser(api);
        Api.Reply order = api.postJson("/v1/orders", ContractSuite.order(user));
        assertEquals(201, order.status(), order::toString);
        String traceId = newTraceId();

        Api.Reply deleted = api.send("DELETE", "/v1/users/" + user, null, null,
                                     "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        assertEquals(204, deleted.status(), deleted::toString);
        Eventually.awaitEquals("the order cancelled", PATIENCE, "CANCELLED",
                               () -> api.get("/v1/orders/" + order.json().get("id").asLong()).json().get("status")
                                       .asText());

        List<JsonNode> spans = awaitSpans(traceId, 6, "cleave-order", "CLIENT", "transaction order");
        JsonNode deletion = only(spans, "cleave-user", "SERVER", "delete /v1/users/{id}");
        JsonNode userTransaction = only(spans, "cleave-user", "CLIENT", "transaction user");
        assertEquals(deletion.path("id").asText(), userTransaction.path("parentId").asText());
        JsonNode publish = only(spans, "cleave-user", "PRODUCER", "publish userdeleted");
        assertEquals(userTransaction.path("id").asText(), publish.path("parentId").asText(),
                     "the relay continues the trace the outbox row kept");
        assertEquals("rabbitmq", publish.path("tags").path("messaging.system").asText());
        JsonNode consume = only(spans, "cleave-order", "CONSUMER", "process userdeleted");
        assertEquals(publish.path("id").asText(), consume.path("parentId").asText(), "through the broker");
        assertEquals("true", consume.path("tags").path("cleave.event.applied").asText());
        JsonNode cancellation = only(spans, "cleave-order", "CLIENT", "transaction order");
        assertEquals(consume.path("id").asText(), cancellation.path("parentId").asText());
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceWhoseIdIsTheProblemsInstance() {
        Api.Reply missing = services.api().get("/v1/users/999999999");
        assertEquals(404, missing.status(), missing::toString);
        String instance = missing.json().get("instance").asText();
        assertTrue(instance.startsWith("urn:cleave:request:"), instance);

        String traceId = instance.substring("urn:cleave:request:".length());
        List<JsonNode> spans = awaitSpans(traceId, 1, "cleave-user", "SERVER", "get /v1/users/{id}");
        assertEquals("404", only(spans, "cleave-user", "SERVER", "get /v1/users/{id}").path("tags")
                .path("http.response.status_code").asText());
    }

    private static long registerUser(Api api) {
        Api.Reply user = api.postJson("/v1/users", "{\"name\":\"Traced\",\"email\":\"" + ContractSuite.uniqueEmail()
                                                   + "\"}");
        assertEquals(201, user.status(), user::toString);
        return user.json().get("id").asLong();
    }

    // Zipkin shows each service's spans once that service's exporter sent them: wait for the last one expected.
    private static List<JsonNode> awaitSpans(String traceId, int atLeast, String service, String kind, String name) {
        Eventually.await("trace " + traceId + " in Zipkin with " + atLeast + "+ spans, " + service + " " + kind + " "
                         + name + " among them", PATIENCE, () -> {
                             List<JsonNode> spans = spans(traceId);
                             return spans.size() >= atLeast && find(spans, service, kind, name).isPresent();
                         });
        return spans(traceId);
    }

    private static List<JsonNode> spans(String traceId) {
        return StreamSupport.stream(zipkin.trace(traceId).spliterator(), false).toList();
    }

    private static JsonNode only(List<JsonNode> spans, String service, String kind, String name) {
        List<JsonNode> matching = spans.stream().filter(span -> is(span, service, kind, name)).toList();
        assertEquals(1, matching.size(), () -> "one " + service + " " + kind + " span '" + name + "' in " + spans);
        return matching.getFirst();
    }

    private static Optional<JsonNode> find(List<JsonNode> spans, String service, String kind, String name) {
        return spans.stream().filter(span -> is(span, service, kind, name)).findFirst();
    }

    private static boolean is(JsonNode span, String service, String kind, String name) {
        return span.path("localEndpoint").path("serviceName").asText().equals(service)
               && span.path("kind").asText().equals(kind) && span.path("name").asText().equals(name);
    }

    private static String newTraceId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
