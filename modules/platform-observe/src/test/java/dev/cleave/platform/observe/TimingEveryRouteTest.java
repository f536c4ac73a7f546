package dev.cleave.platform.observe;

import java.util.Map;

import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.Timer;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request is timed under its route template, method and status class, on a real server: the label values
 * stay few whatever paths and methods clients send.
 */
@ServerTest
class TimingEveryRouteTest {
    private static final MeterRegistry REGISTRY = Metrics.createMeterRegistry(MetricsConfig.create());

    private final Http1Client client;

    TimingEveryRouteTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        HttpService things = rules -> rules.get("/", (req, res) -> res.send("all"))
                .get("/{id}", (req, res) -> {
                    if (req.path().pathParameters().get("id").equals("0")) {
                        throw new IllegalStateException("no thing 0");
                    }
                    res.send("one");
                });
        routing.addFilter(new RouteMetrics(REGISTRY).filter())
                .register("/v1/things", things)
                .error(IllegalStateException.class, (req, res, e) -> res.status(Status.CONFLICT_409).send());
    }

    @Test
    void requestsAreCountedByRouteTemplateMethodAndStatusClass() {
        for (String id : new String[] {"1", "2", "3"}) {
            assertEquals(Status.OK_200, client.get("/v1/things/" + id).request().status());
        }
        assertEquals(Status.OK_200, client.get("/v1/things").request().status());
        assertEquals(Status.CONFLICT_409, client.get("/v1/things/0").request().status());
        assertEquals(Status.NOT_FOUND_404, client.get("/v1/nothing/17").request().status());
        client.method(Method.create("BREW")).path("/v1/things").request().close();

        awaitTimed(7);
        assertEquals(3, count("GET", "/v1/things/{id}", "2xx"), "one series for every id");
        assertEquals(1, count("GET", "/v1/things", "2xx"), "the service's root, without its trailing slash");
        assertEquals(1, count("GET", "/v1/things/{id}", "4xx"), "a handler's failure, as its error handler answered");
        assertEquals(1, count("GET", "unmatched", "4xx"), "no route: the raw path never becomes a label");
        assertEquals(1, count("_OTHER", "unmatched", "4xx"), "a method HTTP does not define");
        REGISTRY.meters().stream()
                .filter(meter -> meter instanceof Timer && meter.id().name().equals(RouteMetrics.NAME))
                .map(Timer.class::cast)
                .forEach(timer -> {
                    assertFalse(timer.snapshot().percentileValues().iterator().hasNext(),
                                "buckets only: no client-side percentiles to update on every request");
                    assertTrue(timer.snapshot().histogramCounts().iterator().hasNext(), "the buckets are there");
                });
    }

    // A request is recorded once its answer is sent, which can be a moment after the client has read it.
    private static void awaitTimed(long requests) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (total() < requests && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(requests, total());
    }

    private static long total() {
        return REGISTRY.meters().stream()
                .filter(meter -> meter instanceof Timer && meter.id().name().equals(RouteMetrics.NAME))
                .mapToLong(meter -> ((Timer) meter).count())
                .sum();
    }

    private static long count(String method, String route, String statusClass) {
        Map<String, String> tags = Map.of("http.request.method", method, "http.route", route,
                                          "http.response.status_class", statusClass);
        return REGISTRY.meters().stream()
                .filter(meter -> meter instanceof Timer && meter.id().name().equals(RouteMetrics.NAME))
                .map(Timer.class::cast)
                .filter(timer -> timer.id().tagsMap().entrySet().containsAll(tags.entrySet()))
                .mapToLong(Timer::count)
                .sum();
    }
}
