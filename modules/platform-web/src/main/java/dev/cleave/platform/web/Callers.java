package dev.cleave.platform.web;

import dev.cleave.platform.api.Caller;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;

/**
 * The verified caller of a request, as the assembly's authentication filter left it in the request's context. A
 * route reads it here and hands it to its use case; it never reads a token itself.
 */
public final class Callers {
    private Callers() {
    }

    /**
     * The caller of a request.
     *
     * @param request the request
     * @return who sent it
     * @throws HttpProblem 401 if no filter authenticated the request (a route mounted outside the assembly's
     *                     server), so a missing filter fails closed
     */
    public static Caller of(ServerRequest request) {
        return request.context().get(Caller.class).orElseThrow(() -> HttpProblem.of(
                ProblemType.UNAUTHORIZED, "This request needs a bearer token.",
                HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer")));
    }

    /**
     * Records the verified caller of a request, for the routes after the filter that verified it.
     *
     * @param request the request
     * @param caller  who sent it
     */
    public static void record(ServerRequest request, Caller caller) {
        request.context().register(caller);
    }
}
