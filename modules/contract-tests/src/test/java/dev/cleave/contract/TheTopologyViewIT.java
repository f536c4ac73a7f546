package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The topology view as a newcomer opens it, in headless Chromium (Debian's chromium, npm's playwright-core) with
 * every request off the service refused: the monolith shows one process running both contexts and the in-process
 * binding between them; in the split, each service shows itself and its peer, with the remote binding drawn to the
 * user context in the user service. While users come and go and orders are placed, the calls and rates on the page
 * move. Each look is saved as {@code target/topology-<service>.png}; {@code docs/observability/} keeps the
 * committed ones.
 */
class TheTopologyViewIT {
    private static final Path API_DIR = Path.of(System.getProperty("cleave.api.dir", "../../api"));
    private static final ObjectMapper JSON = new ObjectMapper();
    // Columns of the page's bindings table.
    private static final int PROCESS = 0;
    private static final int CALLER = 1;
    private static final int API = 2;
    private static final int BINDING = 3;
    private static final int ANSWERED_BY = 4;
    private static final int RATE = 5;
    private static final int CALLS = 9;

    @TempDir
    static Path dataDir;
    private static AssemblyProcess monolith;
    private static SplitServices split;

    @BeforeAll
    static void start() {
        monolith = AssemblyProcess.start("monolith", dataDir.resolve("monolith"), Map.of());
        split = SplitServices.start(dataDir.resolve("split"));
    }

    @AfterAll
    static void stop() {
        if (monolith != null) {
            monolith.close();
        }
        if (split != null) {
            split.close();
        }
    }

    @Test
    void theMonolithShowsBothContextsInOneProcessAndTheCallsBetweenThemMove() {
        Seen seen = watchUnderLoad(new Api(monolith.baseUri()), monolith.baseUri(), "monolith");

        assertEquals(List.of("monolith (one process)"), seen.processes(), seen::toString);
        assertEquals(List.of("user", "order"), seen.contexts(), seen::toString);
        List<String> binding = seen.binding("monolith", "UserDirectory");
        assertEquals("order", binding.get(CALLER));
        assertEquals("in-process", binding.get(BINDING));
        assertEquals("user", binding.get(ANSWERED_BY));
        assertMoved(seen, "monolith");
        assertTrue(seen.hasEdge("bindingEdges", "UserDirectory · in-process"), seen::toString);
        assertTrue(seen.hasEdge("eventEdges", "UserDeleted via in-process"), seen::toString);
    }

    @Test
    void eachSplitServiceShowsItselfAndItsPeerWithTheRemoteCallsMoving() {
        URI userService = split.userService().baseUri();
        for (AssemblyProcess service : List.of(split.orderService(), split.userService())) {
            String name = service == split.orderService() ? "order" : "user";
            Seen seen = watchUnderLoad(split.api(), service.baseUri(), name);

            List<String> expected = name.equals("order") ? List.of("order service", "user service")
                    : List.of("user service", "order service");
            assertEquals(expected, seen.processes(), seen::toString);
            assertTrue(seen.contexts().containsAll(List.of("user", "order"))
                       && !seen.contexts().contains("placeholder"), "the peer drawn as itself: " + seen);
            List<String> binding = seen.binding("order", "UserDirectory");
            assertEquals("order", binding.get(CALLER));
            assertEquals("remote", binding.get(BINDING));
            assertEquals("user at " + userService, binding.get(ANSWERED_BY));
            assertMoved(seen, "order");
            assertTrue(seen.hasEdge("bindingEdges", "UserDirectory · remote"), seen::toString);
            assertTrue(seen.edges("bindingEdges").stream().allMatch(edge -> edge.contains("breaker closed")),
                       seen::toString);
            assertTrue(seen.hasEdge("eventEdges", "UserDeleted via RabbitMQ"), seen::toString);
        }
    }

    private static void assertMoved(Seen seen, String process) {
        long before = Long.parseLong(seen.row("first", process, "UserDirectory").get(CALLS));
        long after = Long.parseLong(seen.binding(process, "UserDirectory").get(CALLS));
        assertTrue(after > before, "calls went from " + before + " to " + after + ": " + seen);
        assertTrue(Double.parseDouble(seen.binding(process, "UserDirectory").get(RATE)) > 0, seen::toString);
    }

    // Users registered, given orders and deleted, over and over, while the browser looks twice.
    private static Seen watchUnderLoad(Api api, URI page, String name) {
        AtomicBoolean going = new AtomicBoolean(true);
        AtomicInteger placed = new AtomicInteger();
        Thread load = Thread.ofPlatform().name("topology-load").start(() -> {
            Api calls = api.unchecked();
            while (going.get()) {
                Api.Reply user = calls.postJson("/v1/users", "{\"name\":\"Topo Logy\",\"email\":\"topo-"
                                                             + System.nanoTime() + "@example.com\"}");
                long id = user.json().get("id").asLong();
                for (int i = 0; i < 3; i++) {
                    Api.Reply order = calls.postJson("/v2/orders", "{\"userId\":" + id + ",\"items\":[{\"sku\":"
                                                                   + "\"T\",\"quantity\":1,\"unitPrice\":{\"amount\":"
                                                                   + "\"2.50\",\"currency\":\"EUR\"}}]}");
                    if (order.status() == 201) {
                        placed.incrementAndGet();
                    }
                }
                calls.delete("/v1/users/" + id);
            }
        });
        try {
            Path screenshot = Files.createDirectories(Path.of("target")).resolve("topology-" + name + ".png");
            Process browser = new ProcessBuilder("node", API_DIR.resolve("check-topology.mjs").toString(),
                                                 page.toString(), screenshot.toString(), "6")
                    .redirectErrorStream(true).start();
            String output = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(browser.waitFor(2, TimeUnit.MINUTES), "the browser did not finish: " + output);
            assertEquals(0, browser.exitValue(), output);
            assertTrue(placed.get() > 0, "no order was placed under the load");
            JsonNode seen = JSON.readTree(output.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                                                  .orElseThrow(() -> new AssertionError("nothing seen: " + output)));
            assertEquals(0, seen.get("refused").size(), "the page asked for something off its service: " + seen);
            assertEquals(0, seen.get("errors").size(), "script errors: " + seen);
            assertTrue(Files.size(screenshot) > 0, "a screenshot was saved");
            return new Seen(seen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            going.set(false);
            try {
                load.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What the page showed at its first and second look. */
    private record Seen(JsonNode looks) {
        List<String> processes() {
            return texts(looks.at("/second/processes"));
        }

        List<String> contexts() {
            return texts(looks.at("/second/contexts"));
        }

        List<String> edges(String kind) {
            return texts(looks.at("/second/" + kind));
        }

        boolean hasEdge(String kind, String start) {
            return edges(kind).stream().anyMatch(edge -> edge.startsWith(start));
        }

        List<String> binding(String process, String api) {
            return row("second", process, api);
        }

        List<String> row(String look, String process, String api) {
            for (JsonNode row : looks.at("/" + look + "/bindings")) {
                List<String> cells = texts(row);
                if (cells.get(PROCESS).equals(process) && cells.get(API).equals(api)) {
                    return cells;
                }
            }
            throw new AssertionError("no row of " + process + " for " + api + " in the " + look + " look: " + looks);
        }

        private static List<String> texts(JsonNode array) {
            List<String> texts = new ArrayList<>();
            Optional.ofNullable(array).ifPresent(nodes -> nodes.forEach(node -> texts.add(node.asText())));
            return texts;
        }

        @Override
        public String toString() {
            return looks.toString();
        }
    }
}
