package dev.cleave.platform.launch;

import java.util.List;

import dev.cleave.platform.spi.RunningContext;
import io.helidon.webserver.WebServer;

/**
 * A started assembly: its server, contexts and remote clients. Closing it stops the server first, so no request
 * reaches a closed database, then the contexts in reverse start order, then the clients.
 */
public final class RunningAssembly implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(RunningAssembly.class.getName());

    private final WebServer server;
    private final List<RunningContext> contexts;
    private final List<AutoCloseable> clients;
    private boolean closed;

    RunningAssembly(WebServer server, List<RunningContext> contexts, List<AutoCloseable> clients) {
        this.server = server;
        this.contexts = List.copyOf(contexts);
        this.clients = List.copyOf(clients);
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
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.stop();
        }
        contexts.reversed().forEach(RunningContext::close);
        for (AutoCloseable client : clients.reversed()) {
            try {
                client.close();
            } catch (Exception e) {
                LOGGER.log(System.Logger.Level.WARNING, "closing a remote client failed", e);
            }
        }
    }
}
