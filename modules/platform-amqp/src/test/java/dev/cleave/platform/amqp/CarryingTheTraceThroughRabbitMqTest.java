package dev.cleave.platform.amqp;

import java.util.List;
import java.util.Optional;

import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.TraceContext;
import dev.cleave.platform.spi.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.cleave.platform.amqp.BrokerFixture.PUBLISHER;
import static dev.cleave.platform.amqp.BrokerFixture.ready;
import static dev.cleave.platform.amqp.BrokerFixture.row;
import static dev.cleave.platform.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event's trace through the real RabbitMQ: the publish span continues the trace its outbox row kept, the message
 * carries the publish span's W3C context in its headers, and the consumer's span continues that.
 */
class CarryingTheTraceThroughRabbitMqTest extends BrokerAndConsumerTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String WRITER = "b7ad6b7169203331";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();

    @BeforeEach
    void trace() {
        Tracing.install(sdk);
    }

    @AfterEach
    void untrace() {
        Tracing.install(OpenTelemetry.noop());
        sdk.close();
    }

    @Test
    void theConsumersSpanContinuesThePublishSpanWhichContinuesTheRowsTrace() {
        EventTransport transport = broker.transport();
        transport.subscribe(List.of(consumer.shipped()));
        await("connected", () -> ready(transport));
        OutboxRecord written = row(1, ParcelShipped.of(7))
                .withTrace(new TraceContext("00-" + TRACE + "-" + WRITER + "-01", "cleave=1"));

        transport.deliver(PUBLISHER, List.of(written));

        await("the consumer's span ended", () -> span(SpanKind.CONSUMER).isPresent());
        SpanData publish = span(SpanKind.PRODUCER).orElseThrow();
        SpanData process = span(SpanKind.CONSUMER).orElseThrow();
        assertEquals(TRACE, publish.getTraceId());
        assertEquals(WRITER, publish.getParentSpanId(), "the publish continues the row's trace");
        assertEquals("rabbitmq", publish.getAttributes().get(AttributeKey.stringKey("messaging.system")));
        assertEquals(TRACE, process.getTraceId());
        assertEquals(publish.getSpanId(), process.getParentSpanId(), "through the broker's headers");
        assertEquals("1", process.getSpanContext().getTraceState().get("cleave"), "tracestate too");
        assertEquals(Boolean.TRUE, process.getAttributes().get(AttributeKey.booleanKey("cleave.event.applied")));
        transport.close();
    }

    private Optional<SpanData> span(SpanKind kind) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind).findFirst();
    }
}
