package dev.cleave.platform.web;

import java.nio.charset.StandardCharsets;

import io.helidon.http.DirectHandler;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Answers failures the server meets before routing (an unparseable request line, a body over the server's size
 * limit) with problem details too, without echoing anything from the request.
 */
public final class ProblemDirectHandler implements DirectHandler {

    private ProblemDirectHandler() {
    }

    /**
     * Creates the handler.
     *
     * @return the handler
     */
    public static ProblemDirectHandler create() {
        return new ProblemDirectHandler();
    }

    /**
     * The handler for every failure before routing that the server reports: a bad request, a body over the limit,
     * anything else, and an internal error.
     *
     * @return the handlers, for {@code WebServerConfig.Builder#directHandlers}
     */
    public static DirectHandlers forAllEvents() {
        ProblemDirectHandler handler = create();
        return DirectHandlers.builder()
                .addHandler(EventType.BAD_REQUEST, handler)
                .addHandler(EventType.PAYLOAD_TOO_LARGE, handler)
                .addHandler(EventType.OTHER, handler)
                .addHandler(EventType.INTERNAL_ERROR, handler)
                .build();
    }

    @Override
    public TransportResponse handle(TransportRequest request,
                                    EventType eventType,
                                    Status defaultStatus,
                                    ServerResponseHeaders responseHeaders,
                                    String message) {
        ProblemType type = ProblemType.forStatus(defaultStatus);
        Problem problem = type.with(defaultStatus, defaultStatus.code() < 500
                ? defaultStatus.reasonPhrase() + "."
                : "The server failed; the fault is logged.");
        return TransportResponse.builder()
                .status(defaultStatus)
                .headers(responseHeaders)
                .header(Responses.problemContentType())
                .entity(new String(Json.write(problem), StandardCharsets.UTF_8))
                .keepAlive(eventType.keepAlive())
                .build();
    }
}
