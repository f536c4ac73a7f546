package dev.cleave.platform.web;

import io.helidon.webserver.http.ServerRequest;

/**
 * Reads resource ids from the path. Ids are positive integers; anything else is a client mistake (400).
 */
public final class PathIds {
    private static final int MAX_DIGITS = 18;

    private PathIds() {
    }

    /**
     * The id in a path parameter.
     *
     * @param request   the request
     * @param parameter the path parameter's name, e.g. {@code id}
     * @return the id, at least 1
     * @throws HttpProblem 400 if the parameter is not a positive integer
     */
    public static long id(ServerRequest request, String parameter) {
        return parse(request.path().pathParameters().get(parameter), parameter);
    }

    /**
     * Parses a positive integer id.
     *
     * @param text  the text
     * @param field the field's name, for the error
     * @return the id
     * @throws HttpProblem 400 if the text is not a positive integer
     */
    public static long parse(String text, String field) {
        if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw HttpProblem.malformed(field + " must be a positive integer.");
        }
        long id = Long.parseLong(text);
        if (id < 1) {
            throw HttpProblem.malformed(field + " must be a positive integer.");
        }
        return id;
    }
}
