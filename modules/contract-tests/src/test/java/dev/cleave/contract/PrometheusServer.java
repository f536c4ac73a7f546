package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's {@code prometheus}), started for a test on a free port of 127.0.0.1, scraping the
 * given targets every second with the alert rules of {@code docs/observability/alerts.yml}, and stopped by its PID.
 */
final class PrometheusServer extends LocalServer {
    private PrometheusServer(Process process, URI base, Path log) {
        super(process, base, log);
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
            server.awaitReady("Prometheus", "/-/ready", Duration.ofSeconds(30));
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
}
