package dev.cleave.platform.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where an event or a call stands in a trace, as the W3C Trace Context headers say it: kept with an outbox row and
 * carried in a message's headers, so the relay and the consumer continue the trace of the request that wrote it.
 *
 * @param traceparent the {@code traceparent} value, or {@code null} outside any trace
 * @param tracestate  the {@code tracestate} value, or {@code null} if there is none
 */
public record TraceContext(String traceparent, String tracestate) {
    /** Outside any trace: what a row written before tracing, or outside a traced request, holds. */
    public static final TraceContext NONE = new TraceContext(null, null);

    /** The header that carries the trace and the parent span. */
    public static final String TRACEPARENT = "traceparent";
    /** The header that carries vendors' state along the trace. */
    public static final String TRACESTATE = "tracestate";

    /**
     * Reads the context from headers (missing or blank ones count as absent).
     *
     * @param headers header values by lower-case name
     * @return the context
     */
    public static TraceContext of(Map<String, String> headers) {
        return new TraceContext(present(headers.get(TRACEPARENT)), present(headers.get(TRACESTATE)));
    }

    /**
     * Whether there is a trace to continue.
     *
     * @return whether {@link #traceparent} is set
     */
    public boolean isPresent() {
        return traceparent != null;
    }

    /**
     * The context as headers, only those that are set.
     *
     * @return header values by name
     */
    public Map<String, String> headers() {
        Map<String, String> headers = new HashMap<>(2);
        Optional.ofNullable(traceparent).ifPresent(value -> headers.put(TRACEPARENT, value));
        Optional.ofNullable(tracestate).ifPresent(value -> headers.put(TRACESTATE, value));
        return headers;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
