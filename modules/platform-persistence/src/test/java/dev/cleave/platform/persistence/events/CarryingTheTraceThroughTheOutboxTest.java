package dev.cleave.platform.persistence.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.Subscription;
import dev.cleave.platform.spi.Tracing;
import dev.cleave.platform.testing.Eventually;
import io.helidon.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event's trace, on real databases and the in-process transport: the outbox row keeps the trace context of the
 * request that wrote it, the relay's delivery continues that trace, and the consumer's handling (and its
 * transaction) continue the delivery. The relay's own polls trace nothing.
 */
class CarryingTheTraceThroughTheOutboxTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
    private final InProcessTransport transport = new InProcessTransport();
    @TempDir
    Path dataDir;
    private ContextDatabase publisherDb;
    private ContextDatabase consumerDb;
    private Outbox outbox;
    private OutboxRelay relay;

    @BeforeEach
    void open() {
        Tracing.install(sdk);
        publisherDb = ContextDatabase.open(Config.empty(), dataDir, "publisher", "publisher", getClass());
        consumerDb = ContextDatabase.open(Config.empty(), dataDir, "consumer", "consumer", getClass());
        outbox = Outbox.create(publisherDb, "publisher");
        transport.subscribe(List.of(new Subscription<>(JdbcInbox.of(consumerDb, "consumer"), "publisher",
                                                       ThingHappened.class, event -> { })));
    }

    @AfterEach
    void close() {
        if (relay != null) {
            relay.close();
        }
        publisherDb.close();
        consumerDb.close();
        Tracing.install(OpenTelemetry.noop());
        sdk.close();
    }

    @Test
    void anEventWrittenInATracedRequestIsDeliveredAndAppliedInThatTrace() {
        Span request = Tracing.tracer().spanBuilder("request").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope ignored = request.makeCurrent()) {
            publisherDb.inTransaction(connection -> {
                outbox.publish(ThingHappened.of(1));
                return null;
            });
        } finally {
            request.end();
        }
        relay = OutboxRelay.start(outbox, transport);

        Eventually.await("the event applied", () -> named("transaction consumer") != null);
        SpanData written = named("transaction publisher");
        SpanData delivery = named("publish ThingHappened");
        SpanData handling = named("process ThingHappened");
        SpanData applied = named("transaction consumer");
        assertEquals(request.getSpanContext().getSpanId(), written.getParentSpanId());
        assertEquals(written.getSpanId(), delivery.getParentSpanId(), "the relay continues the row's trace");
        assertEquals(SpanKind.PRODUCER, delivery.getKind());
        assertEquals("in-process", delivery.getAttributes().get(AttributeKey.stringKey("messaging.system")));
        assertEquals(delivery.getSpanId(), handling.getParentSpanId());
        assertEquals(SpanKind.CONSUMER, handling.getKind());
        assertEquals(handling.getSpanId(), applied.getParentSpanId());
        assertTrue(spans.getFinishedSpanItems().stream()
                           .allMatch(span -> span.getTraceId().equals(request.getSpanContext().getTraceId())),
                   () -> "one trace: " + spans.getFinishedSpanItems());
    }

    @Test
    void theRelaysPollsAndAnEventWrittenOutsideAnyTraceStartNoTransactionSpan() {
        publisherDb.inTransaction(connection -> {
            outbox.publish(ThingHappened.of(2));
            return null;
        });
        relay = OutboxRelay.start(outbox, transport);

        Eventually.await("the event handled", () -> named("process ThingHappened") != null);
        // Let the idle relay poll a few times more.
        Eventually.sleep(Duration.ofMillis(300));
        assertTrue(spans.getFinishedSpanItems().stream()
                           .filter(span -> span.getName().startsWith("transaction"))
                           .allMatch(span -> span.getParentSpanContext().isValid()),
                   () -> "a transaction is traced only inside a request or an event: "
                         + spans.getFinishedSpanItems());
        assertEquals(SpanKind.PRODUCER, named("publish ThingHappened").getKind(),
                     "the delivery of an event written outside any trace starts one");
    }

    private SpanData named(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElse(null);
    }
}
