package dev.cleave.platform.web;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Every request's id, for a person to quote: the trace id of the request's server span, which the tracing filter
 * registered before this one makes current (the caller's valid W3C {@code traceparent}, continued whether tracing is
 * on or off, or a new trace when it is on), so the id is the one the traces show; else 32 random hex digits in the
 * same form. Each problem answer carries it as its {@code instance} ({@code urn:cleave:request:<id>}), and the
 * access log's line for the request shows it.
 */
public final class RequestIds {
    private static final Object KEY = new Object();

    private RequestIds() {
    }

    /**
     * The filter that gives each request its id; register it right after the tracing filter, so every answer,
     * refusals included, has one.
     *
     * @return the filter
     */
    public static Filter filter() {
        return (FilterChain chain, RoutingRequest request, RoutingResponse response) -> {
            request.context().register(KEY, new Id(fromSpan().orElseGet(RequestIds::random)));
            chain.proceed();
        };
    }

    /**
     * The request's id.
     *
     * @param request the request
     * @return its id, or empty if no {@link #filter()} saw it (a routing of a test)
     */
    public static Optional<String> of(ServerRequest request) {
        return request.context().get(KEY, Id.class).map(Id::value);
    }

    /**
     * The request's id as a problem's {@code instance}: a URI, as RFC 9457 asks.
     *
     * @param request the request
     * @return {@code urn:cleave:request:<id>}, or {@code null} if the request has none
     */
    static String instance(ServerRequest request) {
        return of(request).map(id -> "urn:cleave:request:" + id).orElse(null);
    }

    // The server span's trace: the caller's valid W3C traceparent, continued by the tracing filter that runs first
    // (tracing on or off), or a new trace when tracing is on.
    private static Optional<String> fromSpan() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? Optional.of(span.getTraceId()) : Optional.empty();
    }

    private static String random() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private record Id(String value) {
    }
}
