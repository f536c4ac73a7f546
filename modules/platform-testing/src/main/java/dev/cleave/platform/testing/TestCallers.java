package dev.cleave.platform.testing;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.web.Callers;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRouting;

/**
 * Stands in for an assembly's authentication filter when a context's HTTP adapter is tested alone: the caller is
 * named in a {@value #HEADER} header ({@code subject role role…}), an admin when the header is missing, and nobody
 * at all (so the route answers 401) when it is {@value #ANONYMOUS}. Verifying real tokens is the auth module's and
 * the contract tests' business; these tests are about what each caller may do.
 */
public final class TestCallers {
    /** The header naming the caller of a test request. */
    public static final String HEADER = "Test-Caller";
    /** The header's value for a request no filter authenticated. */
    public static final String ANONYMOUS = "-";
    /** Who a request without the header comes from. */
    public static final Caller DEFAULT = Caller.admin("admin-1");

    private static final HeaderName HEADER_NAME = HeaderNames.create(HEADER);

    private TestCallers() {
    }

    /**
     * Adds the filter to a routing, before the routes it is to authenticate.
     *
     * @param routing the routing
     */
    public static void install(HttpRouting.Builder routing) {
        routing.addFilter((chain, request, response) -> {
            String named = request.headers().first(HEADER_NAME).orElse(null);
            if (named == null) {
                Callers.record(request, DEFAULT);
            } else if (!ANONYMOUS.equals(named)) {
                Callers.record(request, parse(named));
            }
            chain.proceed();
        });
    }

    /**
     * The header that makes a test request come from a caller.
     *
     * @param caller the caller
     * @return the header: its subject followed by its roles
     */
    public static Header as(Caller caller) {
        String value = caller.roles().isEmpty() ? caller.subject()
                : caller.subject() + " " + caller.roles().stream().sorted().collect(Collectors.joining(" "));
        return HeaderValues.create(HEADER_NAME, value);
    }

    /**
     * The header that makes a test request one no filter authenticated.
     *
     * @return the header
     */
    public static Header anonymous() {
        return HeaderValues.create(HEADER_NAME, ANONYMOUS);
    }

    private static Caller parse(String named) {
        String[] words = named.trim().split("\\s+");
        Set<String> roles = Arrays.stream(words).skip(1).collect(Collectors.toSet());
        return new Caller(words[0], roles);
    }
}
