package dev.cleave.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Prometheus scrapes both split services at {@code /observe/metrics}: each is up, request durations come
 * per route template, the order service's calls to the user service and its breaker are there, as are the events
 * published, applied and waiting, each context's pool and outbox, and the shipped alert rules
 * ({@code docs/observability/alerts.yml}) load and evaluate. The shipped configuration and rules also pass
 * {@code promtool check}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapesBothServicesIT {
    private static final Path OBSERVABILITY = Path.of(System.getProperty("cleave.docs.dir", "docs"), "observability");
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    @TempDir
    static Path dataDir;
    private static SplitServices services;
    private static PrometheusServer prometheus;

    @BeforeAll
    static void start() {
        services = SplitServices.start(dataDir);
        prometheus = PrometheusServer.start(dataDir, OBSERVABILITY.resolve("alerts.yml"),
                                            List.of(hostPort(services.userService()),
                                                    hostPort(services.orderService())));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (services != null) {
            services.close();
        }
    }

    @Test
    void bothServicesAreScrapedAndUp() {
        Eventually.awaitEquals("both services up in Prometheus", PATIENCE, 2,
                               () -> count(prometheus.query("up{job=\"cleave\"} == 1")));
    }

    // First: it counts the reads of users exactly, and placing an order (as the binding test does) reads one too.
    @Test
    @Order(1)
    void requestDurationsArePerRouteTemplate() {
        Api api = services.api();
        Api.Reply user = api.postJson("/v1/users", "{\"name\":\"Pro Metheus\",\"email\":\"prom-" + System.nanoTime()
                                                   + "@example.com\"}");
        assertEquals(201, user.status(), user::toString);
        long id = user.json().get("id").asLong();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.get("/v1/users/" + id).status());
        }
        Eventually.awaitEquals("three reads of one user, under its route's template", PATIENCE, 3.0,
                               () -> value(prometheus.query("sum(http_server_request_duration_seconds_count{"
                                                            + "http_route=\"/v1/users/{id}\","
                                                            + "http_request_method=\"GET\","
                                                            + "http_response_status_class=\"2xx\"})")));
        // Placing an order reads the user once more, from the order service: after the count above.
        Api.Reply order = api.postJson("/v2/orders", "{\"userId\":" + id + ",\"items\":[{\"sku\":\"A\","
                                                     + "\"quantity\":1,\"unitPrice\":{\"amount\":\"1.00\","
                                                     + "\"currency\":\"EUR\"}}]}");
        assertEquals(201, order.status(), order::toString);

        Eventually.await("the order placed, on the order service", PATIENCE,
                         () -> value(prometheus.query("sum(http_server_request_duration_seconds_count{"
                                                      + "http_route=\"/v2/orders\",http_request_method=\"POST\"})"))
                               >= 1);
        Eventually.await("the buckets of the histogram", PATIENCE,
                         () -> count(prometheus.query("http_server_request_duration_seconds_bucket{"
                                                      + "http_route=\"/v1/users/{id}\",le=\"0.005\"}")) == 1);
        assertEquals(0, count(prometheus.query("http_server_request_duration_seconds_count{"
                                               + "http_route=~\"/v1/users/[0-9]+\"}")), "no raw paths as labels");
    }

    @Test
    @Order(2)
    void theRemoteBindingAndTheEventsBetweenTheServicesAreMeasured() {
        Api api = services.api();
        Api.Reply user = api.postJson("/v1/users", "{\"name\":\"Bin Ding\",\"email\":\"bind-" + System.nanoTime()
                                                   + "@example.com\"}");
        long id = user.json().get("id").asLong();
        Api.Reply order = api.postJson("/v2/orders", "{\"userId\":" + id + ",\"items\":[{\"sku\":\"B\","
                                                     + "\"quantity\":1,\"unitPrice\":{\"amount\":\"1.00\","
                                                     + "\"currency\":\"EUR\"}}]}");
        assertEquals(201, order.status(), order::toString);
        assertEquals(204, api.delete("/v1/users/" + id).status());

        Eventually.await("the order service's calls to the user service, by outcome", PATIENCE,
                         () -> value(prometheus.query("sum(cleave_binding_duration_seconds_count{"
                                                      + "rpc_service=\"UserDirectory\",cleave_binding=\"remote\","
                                                      + "cleave_peer=\"user\",outcome=\"ok\"})")) >= 1);
        Eventually.awaitEquals("the breaker closed", PATIENCE, 1.0,
                               () -> value(prometheus.query("cleave_binding_breaker_state{state=\"closed\"}")));
        Eventually.await("the user service published the deletion", PATIENCE,
                         () -> value(prometheus.query("sum(cleave_events_published_total{cleave_publisher=\"user\","
                                                      + "cleave_event_type=\"UserDeleted\"})")) >= 1);
        Eventually.await("the order service applied it", PATIENCE,
                         () -> value(prometheus.query("sum(cleave_events_applied_total{cleave_consumer=\"order\","
                                                      + "cleave_event_type=\"UserDeleted\"})")) >= 1);
        Eventually.awaitEquals("the order service's lag and redeliveries at the broker", PATIENCE, 2,
                               () -> count(prometheus.query("{__name__=~\"cleave_events_consumer_lag|"
                                                            + "cleave_events_redelivered_total\","
                                                            + "cleave_consumer=\"order\"}")));
    }

    @Test
    void eachContextsPoolAndOutboxAndTheJvmAreMeasured() {
        Eventually.awaitEquals("each context's pool", PATIENCE, Set.of("order-db", "user-db"),
                               () -> labels(prometheus.query("db_client_connection_count{db_client_connection_state="
                                                             + "\"idle\"}"), "db_client_connection_pool_name"));
        Eventually.awaitEquals("each context's outbox", PATIENCE, Set.of("order", "user"),
                               () -> labels(prometheus.query("cleave_outbox_oldest_age_seconds"), "cleave_context"));
        Eventually.awaitEquals("each JVM's heap", PATIENCE, 2,
                               () -> count(prometheus.query("memory_usedHeap_bytes")));
    }

    @Test
    void theShippedAlertRulesLoadAndEvaluate() {
        Eventually.await("the rules evaluated at least once", PATIENCE, () -> {
            JsonNode rules = prometheus.ruleGroups().path(0).path("rules");
            return rules.size() == 5 && rules.findValuesAsText("health").stream().allMatch("ok"::equals);
        });
    }

    @Test
    void theShippedConfigurationAndRulesPassPromtool() throws IOException, InterruptedException {
        for (String[] check : new String[][] {{"config", "prometheus.yml"}, {"rules", "alerts.yml"}}) {
            Process promtool = new ProcessBuilder("promtool", "check", check[0],
                                                  OBSERVABILITY.resolve(check[1]).toString())
                    .redirectErrorStream(true).start();
            String output = new String(promtool.getInputStream().readAllBytes());
            assertTrue(promtool.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, promtool.exitValue(), output);
        }
    }

    private static String hostPort(AssemblyProcess service) {
        return "127.0.0.1:" + service.baseUri().getPort();
    }

    private static int count(JsonNode series) {
        return series.size();
    }

    private static double value(JsonNode series) {
        return series.isEmpty() ? 0 : Double.parseDouble(series.get(0).path("value").get(1).asText());
    }

    private static Set<String> labels(JsonNode series, String label) {
        Set<String> values = new TreeSet<>();
        series.forEach(one -> values.add(one.path("metric").path(label).asText()));
        return values;
    }
}
