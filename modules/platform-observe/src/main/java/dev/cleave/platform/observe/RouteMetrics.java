package dev.cleave.platform.observe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
    private static final List<String> KNOWN_METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
                                                              "OPTIONS", "TRACE", "PATCH");
    private static final String OTHER_METHOD = "_OTHER";
    // Status classes 1xx to 5xx, and one slot for anything outside them.
    private static final int STATUS_CLASSES = 6;
    // OpenTelemetry's advised boundaries for HTTP server durations, in seconds.
    private static final Duration[] BUCKETS = LongStream.of(5, 10, 25, 50, 75, 100, 250, 500, 750, 1_000, 2_500,
                                                            5_000, 7_500, 10_000)
            .mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    // Per route template, one slot per method and status class: found without building a key on every request.
    private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

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
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
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
        return KNOWN_METHODS.contains(method.text()) ? method.text() : OTHER_METHOD;
    }

    // Every request records into one of a few timers: found in a map and an array rather than by describing the
    // meter and asking the registry on each request, or even building a key.
    Timer timer(Method method, String route, int status) {
        int known = KNOWN_METHODS.indexOf(method.text());
        int methodIndex = known >= 0 ? known : KNOWN_METHODS.size();
        int statusClass = status >= 100 && status < 600 ? status / 100 : 0;
        AtomicReferenceArray<Timer> slots = timers.computeIfAbsent(
                route, any -> new AtomicReferenceArray<>((KNOWN_METHODS.size() + 1) * STATUS_CLASSES));
        int slot = methodIndex * STATUS_CLASSES + statusClass;
        Timer timer = slots.get(slot);
        if (timer == null) {
            String name = known >= 0 ? KNOWN_METHODS.get(known) : OTHER_METHOD;
            // The registry hands out one timer per name and tags, so a race here records into the same one.
            timer = newTimer(name, route, statusClass);
            slots.set(slot, timer);
        }
        return timer;
    }

    private Timer newTimer(String method, String route, int statusClass) {
        return registry.getOrCreate(
                Timer.builder(NAME)
                        .description("Duration of HTTP server requests.")
                        .baseUnit(TimeUnit.SECONDS)
                        .buckets(BUCKETS)
                        // No client-side percentiles (Helidon's default): each would cost every call a sliding
                        // window's update and cannot be summed across instances; the buckets give them instead.
                        .percentiles(new double[0])
                        .tags(Metrics.tags("http.request.method", method, "http.route", route,
                                           "http.response.status_class",
                                           statusClass == 0 ? "other" : statusClass + "xx")));
    }
}
