package dev.cleave.platform.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.launch.FakeContext.Greeter;
import dev.cleave.platform.spi.InvalidSettingException;
import dev.cleave.platform.spi.RemoteApiProvider;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.web.Json;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /observe/topology} shows, without a token, the contexts a process runs, each required API's binding with its
 * calls, the events between contexts, and the peers it calls with their own topology; {@code /observe/metrics}
 * counts the same calls and events. The contexts' names are this test's own, so the meters of other tests in the
 * same JVM do not mix in.
 */
class ShowingWhatRunsWhereTest {
    private static final String TOPOLOGY = "/observe/topology";

    @TempDir
    Path dataDir;

    @Test
    void anInProcessBindingIsShownWithTheCallsThroughIt() {
        FakeContext teller = new FakeContext("teller", Set.of(Greeter.class), Set.of(),
                                             Map.of(Greeter.class, setup -> (Greeter) () -> "hello"));
        FakeContext visitor = FakeContext.plain("visitor", Set.of(), Set.of(Greeter.class));
        try (RunningAssembly assembly = Launcher.start("together", config(Map.of()), List.of(visitor, teller))) {
            WebClient caller = TestConfigs.client(dataDir, assembly.port());
            for (int i = 0; i < 3; i++) {
                assertEquals("hello", caller.get("/visitor").requestEntity(String.class));
            }

            JsonNode topology = json(anonymous(assembly.port()).get(TOPOLOGY).request(String.class));
            assertEquals("together", topology.get("assembly").asText());
            assertEquals("teller", topology.at("/contexts/0/name").asText());
            assertEquals("Greeter", topology.at("/contexts/0/provides/0").asText());
            assertEquals("visitor", topology.at("/contexts/1/name").asText());
            assertEquals("Greeter", topology.at("/contexts/1/requires/0").asText());
            JsonNode binding = topology.at("/bindings/0");
            assertEquals("Greeter", binding.get("api").asText());
            assertEquals("in-process", binding.get("binding").asText());
            assertEquals("teller", binding.get("provider").asText());
            assertEquals("visitor", binding.at("/consumers/0").asText());
            assertFalse(binding.has("url"), "in-process: no URL, no breaker");
            assertEquals(3, binding.at("/figures/calls").asLong());
            assertEquals(0, binding.at("/figures/errors").asLong());
            assertEquals(0, topology.get("peers").size());

            String metrics = anonymous(assembly.port()).get("/observe/metrics").requestEntity(String.class);
            assertEquals(3.0, sample(metrics, "cleave_binding_duration_seconds_count", "cleave_peer=\"teller\"",
                                     "outcome=\"ok\"", "cleave_binding=\"in-process\"", "rpc_service=\"Greeter\""),
                         metrics);
        }
    }

    @Test
    void aRemoteBindingShowsItsBreakerAndThePeerServicesOwnTopology() {
        FakeContext teller = new FakeContext("far-teller", Set.of(Greeter.class), Set.of(),
                                             Map.of(Greeter.class, setup -> (Greeter) () -> "hello from afar"));
        try (RunningAssembly peer = Launcher.start("teller", config(Map.of()), List.of(teller))) {
            URI peerUrl = URI.create("http://127.0.0.1:" + peer.port());
            RemoteApiProvider client = FakeContext.greeterClient((baseUrl, credentials) ->
                    new RemoteApiProvider.RemoteApi((Greeter) () -> "hello from afar", () -> { },
                                                    new Breaker("half_open")));
            FakeContext visitor = FakeContext.plain("far-visitor", Set.of(), Set.of(Greeter.class));
            Config config = config(Map.of("cleave.remote.greeter.url", peerUrl.toString()));
            try (RunningAssembly assembly = Launcher.start("visitor", config, List.of(visitor), List.of(client))) {
                TestConfigs.client(dataDir, assembly.port()).get("/far-visitor").requestEntity(String.class);

                JsonNode topology = json(anonymous(assembly.port()).get(TOPOLOGY).request(String.class));
                JsonNode binding = topology.at("/bindings/0");
                assertEquals("remote", binding.get("binding").asText());
                assertEquals("greeter", binding.get("provider").asText());
                assertEquals(peerUrl.toString(), binding.get("url").asText());
                assertEquals("half_open", binding.get("breaker").asText());
                assertEquals(1, binding.at("/figures/calls").asLong());
                JsonNode peerView = topology.at("/peers/0");
                assertEquals(peerUrl.toString(), peerView.get("url").asText());
                assertEquals("teller", peerView.at("/topology/assembly").asText(), peerView::toString);
                assertEquals("far-teller", peerView.at("/topology/contexts/0/name").asText());
                assertFalse(peerView.get("topology").has("peers"), "a peer is asked for its own topology only");

                String metrics = anonymous(assembly.port()).get("/observe/metrics").requestEntity(String.class);
                assertEquals(1.0, sample(metrics, "cleave_binding_breaker_state", "cleave_peer=\"greeter\"",
                                         "state=\"half_open\""), metrics);
                assertEquals(0.0, sample(metrics, "cleave_binding_breaker_state", "cleave_peer=\"greeter\"",
                                         "state=\"open\""), metrics);
            }
        }
    }

    @Test
    void aPeerThatCannotBeReachedIsShownAsSuch() {
        URI nowhere = URI.create("http://127.0.0.1:" + freePort());
        Config config = config(Map.of("cleave.observe.peers", nowhere.toString()));
        try (RunningAssembly assembly = Launcher.start("alone", config,
                                                       List.of(FakeContext.plain("hermit", Set.of(), Set.of())))) {
            JsonNode topology = json(anonymous(assembly.port()).get(TOPOLOGY).request(String.class));

            assertEquals(nowhere.toString(), topology.at("/peers/0/url").asText());
            assertEquals("cannot be reached", topology.at("/peers/0/error").asText());
        }
    }

    @Test
    void eventsArePublishedAndAppliedByTypeAndAnAttemptThatRollsBackIsNotCounted() {
        ContextWithADatabase mint = new ContextWithADatabase("mint");
        ContextWithADatabase vault = ContextWithADatabase.refusingTheEventsOf("vault", "mint");
        try (RunningAssembly assembly = Launcher.start("coins", config(Map.of()), List.of(mint, vault))) {
            WebClient anonymous = anonymous(assembly.port());
            mint.outbox().publish(SomethingHappened.to(1));
            Eventually.awaitEquals("the refused event set aside", 1L, () -> deadLetters(vault));
            assertEquals(0, json(anonymous.get(TOPOLOGY).request(String.class))
                    .at("/events/subscriptions/0/applied").asLong(), "five attempts rolled back, none applied");

            vault.fix();
            mint.outbox().publish(SomethingHappened.to(2));
            Eventually.awaitEquals("applied", 1L, () -> json(anonymous.get(TOPOLOGY).request(String.class))
                    .at("/events/subscriptions/0/applied").asLong());

            JsonNode events = json(anonymous.get(TOPOLOGY).request(String.class)).get("events");
            assertEquals("in-process", events.get("transport").asText());
            assertEquals("vault", events.at("/subscriptions/0/consumer").asText());
            assertEquals("mint", events.at("/subscriptions/0/publisher").asText());
            assertEquals("SomethingHappened", events.at("/subscriptions/0/event").asText());
            assertEquals(2, events.at("/published/0/count").asLong(), "the set-aside one was delivered too");
            String metrics = anonymous.get("/observe/metrics").requestEntity(String.class);
            assertEquals(2.0, sample(metrics, "cleave_events_published_total", "cleave_publisher=\"mint\"",
                                     "cleave_event_type=\"SomethingHappened\""), metrics);
            assertEquals(1.0, sample(metrics, "cleave_events_applied_total", "cleave_consumer=\"vault\"",
                                     "cleave_publisher=\"mint\""), metrics);
        }
    }

    @Test
    void theViewIsOnePageThatAsksForNothingButTheTopology() {
        try (RunningAssembly assembly = Launcher.start("viewed", config(Map.of()),
                                                       List.of(FakeContext.plain("seen", Set.of(), Set.of())))) {
            ClientResponseTyped<String> page = anonymous(assembly.port()).get(TOPOLOGY + "/view")
                    .request(String.class);

            assertEquals(200, page.status().code());
            assertTrue(page.headers().contentType().orElseThrow().text().startsWith("text/html"));
            String policy = page.headers().get(HeaderNames.create("Content-Security-Policy")).get();
            assertTrue(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"), policy);
            assertTrue(page.entity().contains("fetch('/observe/topology'"), "it reads the topology");
            assertFalse(page.entity().contains("src=") || page.entity().contains("<link"), "it loads nothing else");
        }
    }

    @Test
    void aPeerThatIsNoUrlStopsTheStartNamingTheVariable() {
        Config config = config(Map.of("cleave.observe.peers", "http://127.0.0.1:8081, user-service"));

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Launcher.start(
                "confused", config, List.of(FakeContext.plain("any", Set.of(), Set.of()))));
        assertTrue(e.getMessage().startsWith("CLEAVE_OBSERVE_PEERS must list base URLs"), e.getMessage());
        assertTrue(e.getMessage().contains("'user-service' is none"), e.getMessage());
    }

    @Test
    void withMetricsOffNothingIsMeasuredOrServedAndTheTopologySaysSo() {
        FakeContext teller = new FakeContext("quiet-teller", Set.of(Greeter.class), Set.of(),
                                             Map.of(Greeter.class, setup -> (Greeter) () -> "hello"));
        FakeContext visitor = FakeContext.plain("quiet-visitor", Set.of(), Set.of(Greeter.class));
        Config config = config(Map.of("cleave.metrics", "off"));
        try (RunningAssembly assembly = Launcher.start("unmetered", config, List.of(visitor, teller))) {
            assertEquals("hello", TestConfigs.client(dataDir, assembly.port()).get("/quiet-visitor")
                    .requestEntity(String.class));

            assertEquals(404, anonymous(assembly.port()).get("/observe/metrics").request().status().code());
            JsonNode topology = json(anonymous(assembly.port()).get(TOPOLOGY).request(String.class));
            assertEquals("off", topology.get("metrics").asText());
            assertEquals("quiet-teller", topology.at("/bindings/0/provider").asText(), "still shown");
            assertEquals(0, topology.at("/bindings/0/figures/calls").asLong(), "but not measured");
        }
    }

    @Test
    void metricsNeitherOnNorOffStopTheStartNamingTheVariable() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Launcher.start(
                "confused", config(Map.of("cleave.metrics", "sometimes")),
                List.of(FakeContext.plain("any", Set.of(), Set.of()))));
        assertEquals("CLEAVE_METRICS must be on or off, not 'sometimes'", e.getMessage());
    }

    // The events the consumer set aside, in its own database.
    private static long deadLetters(ContextWithADatabase consumer) {
        return consumer.database().inTransaction(connection -> {
            try (var count = connection.prepareStatement("SELECT COUNT(*) FROM dead_letters").executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        });
    }

    // The value of the one sample of a metric whose labels include all of these.
    private static double sample(String metrics, String name, String... labels) {
        List<String> lines = metrics.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .toList();
        assertEquals(1, lines.size(), name + " " + List.of(labels) + ": " + lines);
        String line = lines.getFirst();
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    private Config config(Map<String, String> more) {
        return TestConfigs.assembly(dataDir, more);
    }

    private static WebClient anonymous(int port) {
        return WebClient.builder().baseUri("http://127.0.0.1:" + port).build();
    }

    private static JsonNode json(ClientResponseTyped<String> response) {
        assertEquals(200, response.status().code(), response.entity());
        try {
            return Json.mapper().readTree(response.entity());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Breaker(String breakerState) implements RemoteApiProvider.Resilience {
    }
}
