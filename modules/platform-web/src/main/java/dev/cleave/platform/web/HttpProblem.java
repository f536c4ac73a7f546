package dev.cleave.platform.web;

import java.util.List;
import java.util.Objects;

import io.helidon.http.Header;

/**
 * Thrown at the HTTP edge to answer with a problem; the platform's error handler writes it. Cheap: no stack trace.
 */
public final class HttpProblem extends RuntimeException {
    private final Problem problem;
    private final List<Header> headers;

    private HttpProblem(Problem problem, List<Header> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = List.copyOf(headers);
    }

    /**
     * A problem of a given kind.
     *
     * @param type   the kind
     * @param detail what went wrong, for a human
     * @return the exception to throw
     */
    public static HttpProblem of(ProblemType type, String detail) {
        return new HttpProblem(type.with(detail), List.of());
    }

    /**
     * A problem with extra response headers, e.g. {@code Allow} or {@code Retry-After}.
     *
     * @param type    the kind
     * @param detail  what went wrong, for a human
     * @param headers headers to add to the response
     * @return the exception to throw
     */
    public static HttpProblem of(ProblemType type, String detail, Header... headers) {
        return new HttpProblem(type.with(detail), List.of(headers));
    }

    /**
     * A bad request (400) that is not about a particular field.
     *
     * @param detail what is wrong
     * @return the exception to throw
     */
    public static HttpProblem malformed(String detail) {
        return of(ProblemType.MALFORMED_REQUEST, detail);
    }

    /**
     * The body to send.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }

    /**
     * Headers to add to the response.
     *
     * @return the headers
     */
    public List<Header> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "HttpProblem[" + Objects.toString(problem) + "]";
    }
}
