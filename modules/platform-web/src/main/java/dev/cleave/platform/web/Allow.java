package dev.cleave.platform.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;

/**
 * The last route of a resource path: answers methods the resource does not support with 405 and {@code Allow},
 * and {@code OPTIONS} with 204 and {@code Allow}.
 */
public final class Allow {
    private Allow() {
    }

    /**
     * A handler for every method not routed before it on the same path.
     *
     * @param methods the methods the resource supports
     * @return the handler
     */
    public static Handler only(Method... methods) {
        String allow = Arrays.stream(methods).map(Method::text).collect(Collectors.joining(", "));
        var header = HeaderValues.createCached(HeaderNames.ALLOW, allow);
        return (request, response) -> {
            if (Method.OPTIONS.equals(request.prologue().method())) {
                response.header(header).status(Status.NO_CONTENT_204).send();
                return;
            }
            throw HttpProblem.of(ProblemType.METHOD_NOT_ALLOWED,
                                 request.prologue().method().text() + " is not supported here; use " + allow + ".",
                                 header);
        };
    }
}
