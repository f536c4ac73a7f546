package dev.cleave.platform.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Writes JSON and problem responses. Bodies are serialized with the shared {@link Json} mapper whatever the
 * client's {@code Accept} says: the API speaks JSON only.
 */
public final class Responses {
    private static final Header JSON = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/json");
    private static final Header PROBLEM_JSON =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/problem+json");
    private static final Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");

    /** The problem media type, as clients see it. */
    public static final HttpMediaType PROBLEM_MEDIA_TYPE = HttpMediaType.create("application/problem+json");

    private Responses() {
    }

    /**
     * Sends a JSON body.
     *
     * @param response the response
     * @param status   the status
     * @param body     a record, list or map
     */
    public static void json(ServerResponse response, Status status, Object body) {
        response.status(status);
        response.header(JSON);
        response.send(Json.write(body));
    }

    /**
     * Sends a problem body, as an occurrence of the request ({@code instance}, see {@link RequestIds}).
     *
     * @param request  the request it answers
     * @param response the response
     * @param problem  the problem
     */
    public static void problem(ServerRequest request, ServerResponse response, Problem problem) {
        response.status(Status.create(problem.status()));
        response.header(PROBLEM_JSON);
        response.header(NO_STORE);
        response.send(Json.write(problem.withInstance(RequestIds.instance(request))));
    }

    /**
     * The problem content-type header, for places that write their own bytes.
     *
     * @return the header
     */
    static Header problemContentType() {
        return PROBLEM_JSON;
    }
}
