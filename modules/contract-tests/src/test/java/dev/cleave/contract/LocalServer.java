package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cleave.platform.testing.Eventually;

/**
 * A real outside server a test starts on a free port of 127.0.0.1 (Prometheus, Zipkin): asked over HTTP for JSON,
 * and stopped by its PID, forcibly if it does not stop in time.
 */
abstract class LocalServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Process process;
    private final URI base;
    private final Path log;

    LocalServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Waits until {@code path} answers 200, or fails the test naming the log. */
    final void awaitReady(String what, String path, Duration patience) {
        Eventually.await(what + " ready (log: " + log + ")", patience, () -> status(path) == 200);
    }

    final URI base() {
        return base;
    }

    final JsonNode get(String path) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                                                        HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    final int status(String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                               HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public final void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " at " + base + " (log: " + log + ")";
    }
}
