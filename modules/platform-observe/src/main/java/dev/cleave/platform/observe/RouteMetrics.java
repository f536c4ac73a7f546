package dev.cleave.platform.observe;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.helidon.http.Method;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Every request's duration, as OpenTelemetry's {@code http.server.request.duration} histogram (seconds), by method,
 * route template and status class. Cardinality stays bounded whatever clients send: the route is the template a
 * route was registered with ({@code /v1/users/{id}}, never {@code /v1/users/17}), {@code unmatched} where none
 * matched, and a method outside HTTP's own is {@code _OTHER}, as the conventions say.
 */
public final class RouteMetrics {
    /** The histogram's name. */
    public static final String NAME = "http.server.request.duration";
    static final String UNMATCHED = "unmatched";
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
                                                            "OPTIONS", "TRACE", "PATCH");
    // OpenTelemetry's advised boundaries for HTTP server durations, in seconds.
    private static final Duration[] BUCKETS = LongStream.of(5, 10, 25, 50, 75, 100, 250, 500, 750, 1_000, 2_500,
                                                            5_000, 7_500, 10_000)
            .mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    RouteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Route metrics in the global registry, the one {@code /observe/metrics} shows.
     *
     * @return the route metrics
     */
    public static RouteMetrics create() {
        return new RouteMetrics(Metrics.globalRegistry());
    }

    /**
     * The filter that measures every request; register it first, so the time includes every other filter.
     *
     * @return the filter
     */
    public Filter filter() {
        return (FilterChain chain, RoutingRequest request, RoutingResponse response) -> {
            long started = System.nanoTime();
            // Recorded once the answer is out: by then the route has matched and any error handler has set the
            // status, whether the handler returned or threw.
            response.whenSent(() -> timer(request.prologue().method(), route(request), response.status().code())
                    .record(Duration.ofNanos(System.nanoTime() - started)));
            chain.proceed();
        };
    }

    // A service's own root is registered as "/", so its template reads "/v1/users/"; the API's path has no slash.
    static String route(RoutingRequest request) {
        String pattern = request.matchingPattern().orElse(UNMATCHED);
        return pattern.length() > 1 && pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    // A method HTTP does not define is _OTHER, so what clients send cannot add series (or span names).
    static String method(Method method) {
        return KNOWN_METHODS.contains(method.text()) ? method.text() : "_OTHER";
    }

    // Every request records into one of a few timers: look it up in a map rather than build a meter description
    // and ask the registry for it on each request.
    Timer timer(Method method, String route, int status) {
        return timers.computeIfAbsent(new Series(method(method), route, status / 100), series -> registry.getOrCreate(
                Timer.builder(NAME)
                        .description("Duration of HTTP server requests.")
                        .baseUnit(TimeUnit.SECONDS)
                        .buckets(BUCKETS)
                        .tags(Metrics.tags("http.request.method", series.method(), "http.route", series.route(),
                                           "http.response.status_class", series.statusClass() + "xx"))));
    }

    private record Series(String method, String route, int statusClass) {
    }
}
