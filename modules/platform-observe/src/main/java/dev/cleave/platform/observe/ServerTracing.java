package dev.cleave.platform.observe;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.cleave.platform.spi.TraceContext;
import dev.cleave.platform.spi.Tracing;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * A server span for every request, after OpenTelemetry's HTTP conventions: named by method and route template,
 * continuing the caller's W3C {@code traceparent}/{@code tracestate}, current while the request is handled so the
 * work it leads to (a remote call, a transaction, an outbox row) joins its trace. With tracing off the span records
 * nothing but still carries the caller's trace context on.
 */
final class ServerTracing {
    private static final HeaderName TRACEPARENT = HeaderNames.create(TraceContext.TRACEPARENT);
    private static final HeaderName TRACESTATE = HeaderNames.create(TraceContext.TRACESTATE);

    private ServerTracing() {
    }

    /**
     * The filter; register it first, so the request's id (the trace id) and every other filter are inside the span.
     *
     * @param assembly the assembly's name, an attribute of every server span
     * @return the filter
     */
    static Filter filter(String assembly) {
        return (FilterChain chain, RoutingRequest request, RoutingResponse response) -> {
            String method = RouteMetrics.method(request.prologue().method());
            Span span = Tracing.tracer().spanBuilder(method)
                    .setParent(Tracing.parent(traceContext(request)))
                    .setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", method)
                    .setAttribute("network.protocol.version", request.prologue().protocolVersion())
                    .setAttribute("cleave.assembly", assembly)
                    .startSpan();
            // Ended once the answer is out: by then the route has matched and any error handler set the status.
            response.whenSent(() -> {
                String route = RouteMetrics.route(request);
                int status = response.status().code();
                span.updateName(method + " " + route);
                span.setAttribute("http.route", route);
                span.setAttribute("http.response.status_code", (long) status);
                if (status >= 500) {
                    // A client's 4xx is the client's error, not the server's (the conventions say the same).
                    span.setStatus(StatusCode.ERROR);
                    span.setAttribute("error.type", Integer.toString(status));
                }
                span.end();
            });
            try (Scope ignored = span.makeCurrent()) {
                chain.proceed();
            }
        };
    }

    // Most requests carry no trace context: they cost one header lookup.
    private static TraceContext traceContext(RoutingRequest request) {
        Optional<String> traceparent = request.headers().first(TRACEPARENT);
        if (traceparent.isEmpty()) {
            return TraceContext.NONE;
        }
        Map<String, String> headers = new HashMap<>(2);
        headers.put(TraceContext.TRACEPARENT, traceparent.get());
        request.headers().first(TRACESTATE).ifPresent(value -> headers.put(TraceContext.TRACESTATE, value));
        return TraceContext.of(headers);
    }
}
