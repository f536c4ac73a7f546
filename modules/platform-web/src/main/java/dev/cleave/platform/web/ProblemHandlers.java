package dev.cleave.platform.web;

import java.lang.System.Logger.Level;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.DomainException;
import dev.cleave.platform.api.ForbiddenException;
import dev.cleave.platform.api.InvalidInputException;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.api.UnprocessableException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Turns every failure in routing into a problem response: domain outcomes into their status, Helidon's own
 * HTTP errors (such as no matching route) into problems, and anything unexpected into a bare 500 whose details
 * go only to the server log.
 */
public final class ProblemHandlers {
    private static final System.Logger LOGGER = System.getLogger(ProblemHandlers.class.getName());

    private ProblemHandlers() {
    }

    /**
     * Installs the handlers on a routing.
     *
     * @param routing the routing
     */
    public static void install(HttpRouting.Builder routing) {
        routing.error(HttpProblem.class, ProblemHandlers::httpProblem)
                .error(DomainException.class, ProblemHandlers::domain)
                .error(HttpException.class, ProblemHandlers::helidon)
                .error(Throwable.class, ProblemHandlers::unexpected);
    }

    private static void httpProblem(ServerRequest request, ServerResponse response, HttpProblem problem) {
        LastingHeaders.restore(request, response);
        problem.headers().forEach(response::header);
        Responses.problem(request, response, problem.problem());
    }

    private static void domain(ServerRequest request, ServerResponse response, DomainException e) {
        LastingHeaders.restore(request, response);
        Problem problem = switch (e) {
            case InvalidInputException invalid -> {
                Problem p = ProblemType.INVALID_INPUT.with(invalid.getMessage());
                yield new Problem(p.type(), p.title(), p.status(), p.detail(), invalid.violations());
            }
            case NotFoundException notFound -> ProblemType.NOT_FOUND.with(notFound.getMessage());
            case ConflictException conflict -> ProblemType.CONFLICT.with(conflict.getMessage());
            case PreconditionFailedException failed -> ProblemType.PRECONDITION_FAILED.with(failed.getMessage());
            case UnprocessableException unprocessable -> ProblemType.UNPROCESSABLE.with(unprocessable.getMessage());
            case ForbiddenException forbidden -> {
                response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
                yield ProblemType.FORBIDDEN.with(forbidden.getMessage());
            }
            case UnavailableException unavailable -> {
                long seconds = Math.max(1, unavailable.retryAfter().toSeconds());
                response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
                // An outage is expected and logged once per request without a stack trace; its cause says why.
                LOGGER.log(Level.WARNING, "answering 503: " + unavailable.getMessage() + " (" + unavailable.getCause()
                                          + "; request " + RequestIds.of(request).orElse("-") + ")");
                yield ProblemType.UNAVAILABLE.with(unavailable.getMessage());
            }
        };
        Responses.problem(request, response, problem);
    }

    private static void helidon(ServerRequest request, ServerResponse response, HttpException e) {
        Status status = e.status();
        if (status.code() >= 500) {
            unexpected(request, response, e);
            return;
        }
        LastingHeaders.restore(request, response);
        e.headers().forEach(response::header);
        ProblemType type = ProblemType.forStatus(status);
        String detail = type == ProblemType.NOT_FOUND
                ? "No resource at " + request.path().rawPath() + "."
                : status.reasonPhrase() + ".";
        Responses.problem(request, response, type.with(status, detail));
    }

    private static void unexpected(ServerRequest request, ServerResponse response, Throwable e) {
        // The request's id, which the caller's problem shows as its instance, finds this trace in the log.
        LOGGER.log(Level.ERROR, "unexpected failure handling " + request.prologue().method().text() + " "
                                + request.path().rawPath() + " (request " + RequestIds.of(request).orElse("-")
                                + ")", e);
        if (!response.isSent()) {
            LastingHeaders.restore(request, response);
            Responses.problem(request, response, ProblemType.INTERNAL.with("The server failed; the fault is logged."));
        }
    }
}
