package dev.cleave.platform.launch;

import java.util.List;

import dev.cleave.platform.spi.RunningContext;
import io.helidon.webserver.WebServer;

/**
 * A started assembly: its server and contexts. Closing it stops the server first, so no request reaches a
 * closed database, then the contexts in reverse start order.
 */
public final class RunningAssembly implements AutoCloseable {
    private final WebServer server;
    private final List<RunningContext> contexts;

    RunningAssembly(WebServer server, List<RunningContext> contexts) {
        this.server = server;
        this.contexts = List.copyOf(contexts);
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    @Override
    public synchronized void close() {
        if (server.isRunning()) {
            server.stop();
            contexts.reversed().forEach(RunningContext::close);
        }
    }
}
