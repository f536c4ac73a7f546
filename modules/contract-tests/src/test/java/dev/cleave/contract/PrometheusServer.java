package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cleave.platform.testing.Eventually;

/**
 * A real Prometheus (Debian's {@code prometheus}), started for a test on a free port of 127.0.0.1, scraping the
 * given targets every second with the alert rules of {@code docs/observability/alerts.yml}, and stopped by its PID.
 */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Process process;
    private final URI base;
    private final Path log;

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /**
     * Starts Prometheus and waits until it is ready.
     *
     * @param workDir where its configuration, data and log go
     * @param rules   the alert rules file to load
     * @param targets the {@code host:port} of each service, scraped at {@code /observe/metrics}
     * @return the running server
     */
    static PrometheusServer start(Path workDir, Path rules, List<String> targets) {
        try {
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, """
                    global: {scrape_interval: 1s, evaluation_interval: 1s}
                    rule_files: ['%s']
                    scrape_configs:
                      - job_name: cleave
                        metrics_path: /observe/metrics
                        static_configs: [{targets: [%s]}]
                    """.formatted(rules.toAbsolutePath(),
                                  String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())));
            int port = AssemblyProcess.freePort();
            Path log = workDir.resolve("prometheus.log");
            Process process = new ProcessBuilder("prometheus", "--config.file=" + config,
                                                 "--storage.tsdb.path=" + workDir.resolve("data"),
                                                 "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
            Eventually.await("Prometheus ready (log: " + log + ")", Duration.ofSeconds(30),
                             () -> server.status("/-/ready") == 200);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start prometheus (is Debian's prometheus installed?)", e);
        }
    }

    /**
     * Runs an instant query.
     *
     * @param promql the query
     * @return the result's series ({@code data.result})
     */
    JsonNode query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data")
                .path("result");
    }

    /**
     * The rule groups Prometheus loaded.
     *
     * @return {@code data.groups}
     */
    JsonNode ruleGroups() {
        return get("/api/v1/rules").path("data").path("groups");
    }

    private JsonNode get(String path) {
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

    private int status(String path) {
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
    public void close() {
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
        return "Prometheus at " + base + " (log: " + log + ")";
    }
}
