package dev.cleave.user.adapter.http;

import dev.cleave.platform.web.ProblemDirectHandler;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;

/**
 * The cases of {@link SendingTheWrongContent} over a real socket, behind the 1 MiB payload limit and the
 * pre-routing problem handlers the launcher sets: with those in front, a body the API refuses unread is still a 415
 * problem, and a body over 64 KiB, declared or chunked, is still the API's own 413 problem, not the server's.
 * Named {@code *Test}, not {@code *IT}: this module binds no failsafe run, and it takes seconds.
 */
@ServerTest
class SendingTheWrongContentOverASocketTest extends SendingTheWrongContent {
    SendingTheWrongContentOverASocketTest(Http1Client client) {
        super(client);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.maxPayloadSize(1024 * 1024)
                .directHandlers(ProblemDirectHandler.forAllEvents());
    }
}
