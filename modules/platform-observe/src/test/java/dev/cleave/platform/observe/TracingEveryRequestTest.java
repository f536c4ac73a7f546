package dev.cleave.platform.observe;

import java.util.List;

import dev.cleave.platform.spi.Tracing;
import dev.cleave.platform.web.RequestIds;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request is a server span on a real server: named by its route template, continuing the caller's W3C
 * {@code traceparent}, current while the handler runs (the request's id is its trace id), and failed only for the
 * server's own errors.
 */
@ServerTest
class TracingEveryRequestTest {
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
            .build();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLERS_SPAN = "00f067aa0ba902b7";

    private final Http1Client client;

    TracingEveryRequestTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.addFilter(ServerTracing.filter("test-assembly"))
                .addFilter(RequestIds.filter())
                .get("/v1/things/{id}", (req, res) -> {
                    if (req.path().pathParameters().get("id").equals("0")) {
                        throw new IllegalStateException("thing 0 is broken");
                    }
                    // What the handler sees as the request's id: the span's trace.
                    res.send(RequestIds.of(req).orElse("none"));
                });
    }

    @BeforeEach
    void install() {
        Tracing.install(SDK);
        SPANS.reset();
    }

    @AfterAll
    static void uninstall() {
        Tracing.install(OpenTelemetry.noop());
        SDK.close();
    }

    @Test
    void aRequestWithTraceparentContinuesTheCallersTraceUnderItsRouteTemplate() {
        try (Http1ClientResponse response = client.get("/v1/things/17")
                .header(HeaderNames.create("traceparent"), "00-" + TRACE + "-" + CALLERS_SPAN + "-01")
                .request()) {
            assertEquals(Status.OK_200, response.status());
            assertEquals(TRACE, response.as(String.class), "the request's id is the trace's");
        }

        SpanData span = onlySpan();
        assertEquals("GET /v1/things/{id}", span.getName());
        assertEquals(SpanKind.SERVER, span.getKind());
        assertEquals(TRACE, span.getTraceId());
        assertEquals(CALLERS_SPAN, span.getParentSpanId());
        assertEquals("/v1/things/{id}", span.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals(200L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("test-assembly", span.getAttributes().get(AttributeKey.stringKey("cleave.assembly")));
        assertEquals(StatusCode.UNSET, span.getStatus().getStatusCode());
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceWhoseIdIsTheRequestsId() {
        String requestId = client.get("/v1/things/18").requestEntity(String.class);

        SpanData span = onlySpan();
        assertEquals(requestId, span.getTraceId());
        assertFalse(span.getParentSpanContext().isValid(), "a new trace");
    }

    @Test
    void onlyTheServersOwnFailuresMarkTheSpanFailed() {
        assertEquals(Status.INTERNAL_SERVER_ERROR_500, client.get("/v1/things/0").request().status());
        SpanData failed = onlySpan();
        assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
        assertEquals("500", failed.getAttributes().get(AttributeKey.stringKey("error.type")));

        SPANS.reset();
        assertEquals(Status.NOT_FOUND_404, client.get("/v1/nothing/17").request().status());
        SpanData unmatched = onlySpan();
        assertEquals("GET unmatched", unmatched.getName(), "the raw path never names a span");
        assertEquals(StatusCode.UNSET, unmatched.getStatus().getStatusCode(), "a client's mistake is not an error");
    }

    // A span ends once the answer is sent, which can be a moment after the client has read it.
    private static SpanData onlySpan() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (SPANS.getFinishedSpanItems().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<SpanData> spans = SPANS.getFinishedSpanItems();
        assertEquals(1, spans.size(), spans::toString);
        assertTrue(spans.getFirst().hasEnded());
        return spans.getFirst();
    }
}
