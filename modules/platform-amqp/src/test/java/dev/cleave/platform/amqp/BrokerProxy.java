package dev.cleave.platform.amqp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the real broker, so a test can have the broker unreachable (nothing listens on the port
 * yet), reachable (the proxy listens) or gone (every connection cut).
 */
final class BrokerProxy implements AutoCloseable {
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket server;

    private BrokerProxy(int port) {
        this.port = port;
    }

    /** A proxy on a free port that does not listen yet: connecting to it is refused. */
    static BrokerProxy closed() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return new BrokerProxy(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "amqp://guest:guest@127.0.0.1:" + port + "/";
    }

    /** Starts listening and forwarding to the broker. */
    BrokerProxy open() {
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress("127.0.0.1", port));
            server = listening;
            Thread.ofVirtual().name("broker-proxy-accept").start(() -> accept(listening));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connections the proxy forwarded so far. */
    int connections() {
        return accepted.get();
    }

    /** Cuts every forwarded connection, as a broker restart or a network failure would; new ones are accepted. */
    void cut() {
        sockets.forEach(BrokerProxy::closeQuietly);
        sockets.clear();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket broker = new Socket("127.0.0.1", BrokerFixture.BROKER_PORT);
                accepted.incrementAndGet();
                sockets.add(client);
                sockets.add(broker);
                Thread.ofVirtual().start(() -> pump(client, broker));
                Thread.ofVirtual().start(() -> pump(broker, client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() {
        ServerSocket listening = server;
        if (listening != null) {
            closeQuietly(listening);
        }
        cut();
    }
}
