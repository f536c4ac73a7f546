package dev.cleave.platform.web;

import java.util.List;

import io.helidon.http.Header;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Headers a filter decides for every response to a request, problems included. Helidon clears a response's headers
 * before an error handler writes its problem, so a header set only on the response would be missing from exactly
 * the answers (a {@code 404}, a {@code 409}) a client most needs it on; these are kept in the request's context and
 * set again by {@link ProblemHandlers}.
 */
public final class LastingHeaders {
    // The context key: a private instance, so no other code can read or replace the list.
    private static final Object KEY = new Object();

    private LastingHeaders() {
    }

    /**
     * Sets headers on the response now and on any problem that replaces it later.
     *
     * @param request  the request
     * @param response its response
     * @param headers  the headers
     */
    public static void set(ServerRequest request, ServerResponse response, List<Header> headers) {
        request.context().register(KEY, new Kept(headers));
        headers.forEach(response::header);
    }

    static void restore(ServerRequest request, ServerResponse response) {
        request.context().get(KEY, Kept.class).ifPresent(kept -> kept.headers.forEach(response::header));
    }

    private record Kept(List<Header> headers) {
    }
}
