package dev.cleave.platform.launch;

import java.time.Duration;
import java.util.List;

import io.helidon.webserver.WebServer;

/**
 * A started assembly: its server, event relays and transport, contexts and remote clients. Closing it stops the
 * server first, so no request reaches a closed database, then the relays, the transport, the contexts in reverse
 * start order, and the clients.
 */
public final class RunningAssembly implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(RunningAssembly.class.getName());

    private final WebServer server;
    private final List<AutoCloseable> parts;
    private final ShutdownCheck shutdown;
    private final Duration drain;
    private boolean closed;

    /**
     * @param server   the server, or {@code null} if the start failed before it
     * @param parts    what to close after the server, in that order (relays, transport, contexts, clients)
     * @param shutdown the readiness check that goes down when the assembly is asked to stop
     * @param drain    how long to go on serving after readiness went down, before the server stops
     */
    RunningAssembly(WebServer server, List<AutoCloseable> parts, ShutdownCheck shutdown, Duration drain) {
        this.server = server;
        this.parts = List.copyOf(parts);
        this.shutdown = shutdown;
        this.drain = drain;
    }

    /**
     * Stops as a load balancer needs it: readiness goes down at once, new requests are still served for the drain
     * ({@code cleave.shutdown.drain}) so the balancer notices, then {@link #close()}: the server stops accepting and
     * lets the requests in flight finish (Helidon's {@code server.shutdown-grace-period}), then the relays and
     * consumers stop and the pools close.
     */
    public void drainThenClose() {
        shutdown.begin();
        if (!drain.isZero()) {
            try {
                Thread.sleep(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * The port a named socket from the {@code server.sockets} configuration listens on.
     *
     * @param socket the socket's name
     * @return the port, or {@code -1} if there is no such socket
     */
    public int port(String socket) {
        return server.port(socket);
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
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOGGER.log(System.Logger.Level.WARNING, "closing " + part + " failed", e);
            }
        }
    }
}
