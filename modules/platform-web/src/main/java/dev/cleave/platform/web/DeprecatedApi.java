package dev.cleave.platform.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.helidon.http.Header;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * A deprecated version of an API, told on every response under its path: {@code Deprecation} (RFC 9745, since
 * when), {@code Sunset} (RFC 8594, until when it is served) and {@code Link: <…>; rel="deprecation"} (where the
 * migration notes are). After the sunset it may answer {@code 410 Gone} naming its successor instead, if the
 * deployment says so. The filter runs before authentication, so refused and throttled requests are told too.
 *
 * @param path            the version's path, e.g. {@code /v1/orders}; it and every path below it are covered
 * @param deprecatedAt    since when it is deprecated
 * @param sunsetAt        after when it may no longer be served
 * @param link            the migration notes' URL, absolute or relative to the server
 * @param goneAfterSunset whether it answers {@code 410} once the sunset has passed
 * @param successor       the path that replaces it, e.g. {@code /v2/orders}, named in the {@code 410}
 */
public record DeprecatedApi(String path,
                            Instant deprecatedAt,
                            Instant sunsetAt,
                            String link,
                            boolean goneAfterSunset,
                            String successor) {
    // RFC 9110's HTTP date; Java's RFC_1123_DATE_TIME writes "3 Dec", not the fixed-width "03 Dec" it requires.
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    /**
     * Checks the dates' order and the link.
     *
     * @throws IllegalArgumentException if the sunset is not after the deprecation, or the link is blank or holds
     *                                  {@code <}, {@code >} or a line break, which would break the header
     */
    public DeprecatedApi {
        Objects.requireNonNull(path);
        Objects.requireNonNull(successor);
        if (!sunsetAt.isAfter(deprecatedAt)) {
            throw new IllegalArgumentException("the sunset of " + path + " (" + sunsetAt + ") must be after its "
                                               + "deprecation (" + deprecatedAt + ")");
        }
        if (link.isBlank() || link.chars().anyMatch(c -> c == '<' || c == '>' || c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("the deprecation link of " + path + " must be a URL, not '" + link
                                               + "'");
        }
    }

    /**
     * The filter that tells it, with the system clock.
     *
     * @return the filter
     */
    public Filter filter() {
        return filter(Clock.systemUTC());
    }

    Filter filter(Clock clock) {
        List<Header> headers = headers();
        return (FilterChain chain, RoutingRequest request, RoutingResponse response) -> {
            String requested = request.path().path();
            if (!requested.equals(path) && !requested.startsWith(path + "/")) {
                chain.proceed();
                return;
            }
            LastingHeaders.set(request, response, headers);
            if (goneAfterSunset && clock.instant().isAfter(sunsetAt)) {
                Responses.problem(request, response, ProblemType.GONE.with(
                        path + " was retired on " + sunsetAt + " (its sunset); use " + successor + "."));
                return;
            }
            chain.proceed();
        };
    }

    /**
     * The three headers every response under the path carries.
     *
     * @return {@code Deprecation}, {@code Sunset} and {@code Link}
     */
    public List<Header> headers() {
        return List.of(HeaderValues.createCached("Deprecation", "@" + deprecatedAt.getEpochSecond()),
                       HeaderValues.createCached("Sunset", IMF_FIXDATE.format(sunsetAt.atOffset(ZoneOffset.UTC))),
                       HeaderValues.createCached("Link", "<" + link + ">; rel=\"deprecation\"; type=\"text/html\""));
    }
}
