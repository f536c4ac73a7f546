package dev.cleave.platform.observe;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Locale;

import dev.cleave.platform.web.RequestIds;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One line per request on the logger {@code dev.cleave.access}, at INFO: method, route template, status, duration
 * and the request's id, e.g. {@code GET /v1/users/{id} 404 1.9 ms request=4bf92f3577b34da6a3ce929d0e0e4736}. The id
 * is the {@code instance} of a problem answer, so a caller quoting one finds its line. The raw path is not logged:
 * it can hold what a caller typed, and the template says which route answered.
 */
public final class AccessLog {
    private static final Logger LOGGER = System.getLogger("dev.cleave.access");

    private AccessLog() {
    }

    /**
     * The filter that writes the lines; register it after {@link RequestIds#filter()}.
     *
     * @return the filter
     */
    public static Filter filter() {
        return (FilterChain chain, RoutingRequest request, RoutingResponse response) -> {
            long started = System.nanoTime();
            response.whenSent(() -> LOGGER.log(Level.INFO, line(request.prologue().method().text(),
                                                                RouteMetrics.route(request), response.status().code(),
                                                                System.nanoTime() - started,
                                                                RequestIds.of(request).orElse("-"))));
            chain.proceed();
        };
    }

    static String line(String method, String route, int status, long nanos, String requestId) {
        return String.format(Locale.ROOT, "%s %s %d %.1f ms request=%s", method, route, status, nanos / 1e6,
                             requestId);
    }
}
