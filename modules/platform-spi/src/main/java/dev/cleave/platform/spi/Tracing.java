package dev.cleave.platform.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The assembly's tracer, for the platform's adapters (the HTTP server, the remote clients, the database, the
 * relay, the transports): OpenTelemetry's API, a no-op until the launcher installs an SDK because {@code OTEL_*}
 * variables ask for one. Trace context always travels as W3C {@code traceparent}/{@code tracestate}, traced or not,
 * so a caller's trace id reaches every service and event it leads to.
 *
 * <p>The SDK is held here rather than in {@code GlobalOpenTelemetry}, which can be set only once per JVM and is
 * frozen by the first read: an assembly started in a test after another must still get its own.
 */
public final class Tracing {
    /** The instrumentation scope of every span Cleave makes. */
    public static final String SCOPE = "dev.cleave";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> FROM_MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };
    private static volatile Tracer tracer = OpenTelemetry.noop().getTracer(SCOPE);

    private Tracing() {
    }

    /**
     * Installs the tracing of this assembly; the launcher's business alone.
     *
     * @param openTelemetry the configured SDK, or {@link OpenTelemetry#noop()} to trace nothing
     */
    public static void install(OpenTelemetry openTelemetry) {
        tracer = Objects.requireNonNull(openTelemetry, "openTelemetry").getTracer(SCOPE);
    }

    /**
     * The tracer to start spans with.
     *
     * @return the tracer (no-op unless tracing is configured)
     */
    public static Tracer tracer() {
        return tracer;
    }

    /**
     * The current span's trace context, to keep with an outbox row or send on a call.
     *
     * @return the context, or {@link TraceContext#NONE} outside any trace
     */
    public static TraceContext current() {
        return of(Context.current());
    }

    /**
     * A context's trace context as W3C headers.
     *
     * @param context the context
     * @return the trace context, or {@link TraceContext#NONE} if it holds no valid span
     */
    public static TraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return TraceContext.NONE;
        }
        Map<String, String> headers = new HashMap<>(2);
        W3C.inject(context, headers, Map::put);
        return TraceContext.of(headers);
    }

    /**
     * The context to continue a trace from: a parent for the next span.
     *
     * @param trace the trace context received
     * @return the current context with the received span as its parent, or the current context if none was received
     *         (or it is not valid W3C)
     */
    public static Context parent(TraceContext trace) {
        return trace.isPresent() ? W3C.extract(Context.current(), trace.headers(), FROM_MAP) : Context.current();
    }

    /**
     * Marks a span failed, with the failure's type only: spans leave the process, and a message can hold what a
     * caller sent.
     *
     * @param span    the span
     * @param failure what went wrong
     */
    public static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.setAttribute("error.type", failure.getClass().getName());
    }
}
