package dev.cleave.platform.spi;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;

/**
 * The spans of an event's way from the outbox to a consumer, after OpenTelemetry's messaging conventions: the relay
 * handing it to a transport (a producer span, child of the request that wrote the row) and a consumer applying it
 * (a consumer span, child of that), each with the context it belongs to.
 */
public final class EventSpans {
    private EventSpans() {
    }

    /**
     * Starts the span of one event handed to a transport; the caller ends it once the event is sent.
     *
     * @param record      the outbox row, with the trace context it was written in
     * @param system      the transport, e.g. {@code rabbitmq} or {@code in-process}
     * @param destination where it is sent, e.g. the exchange
     * @return the started span
     */
    public static Span publish(OutboxRecord record, String system, String destination) {
        return Tracing.tracer().spanBuilder("publish " + record.type())
                .setParent(Tracing.parent(record.trace()))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", system)
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", destination)
                .setAttribute("messaging.message.id", record.eventId().toString())
                .setAttribute("cleave.event.type", record.type())
                .setAttribute("cleave.context", record.publisher())
                .startSpan();
    }

    /**
     * Starts the span of a consumer applying one event, continuing the trace the event carries.
     *
     * @param consumer the consuming context
     * @param record   the event as received, with the trace context of its delivery
     * @return the started span
     */
    public static Span process(String consumer, OutboxRecord record) {
        return Tracing.tracer().spanBuilder("process " + record.type())
                .setParent(Tracing.parent(record.trace()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.message.id", record.eventId().toString())
                .setAttribute("cleave.event.type", record.type())
                .setAttribute("cleave.event.publisher", record.publisher())
                .setAttribute("cleave.context", consumer)
                .startSpan();
    }
}
