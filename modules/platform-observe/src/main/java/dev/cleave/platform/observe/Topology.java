package dev.cleave.platform.observe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleave.platform.spi.Subscription;
import dev.cleave.platform.web.Json;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What runs where, live: {@code GET /observe/topology} answers JSON with the assembly, the contexts this process
 * runs (what each provides and requires, and its outbox's backlog), each required API's binding (in-process, or
 * remote with its URL, breaker state and retries) with its calls, errors, rate and latency over the last seconds,
 * the event transport and its subscriptions, and the same document of each peer service; {@code GET
 * /observe/topology/view} is a page that draws it and refreshes itself, with nothing fetched from elsewhere.
 *
 * <p>Peers are the services this one calls, and those named in {@code cleave.observe.peers}
 * ({@code CLEAVE_OBSERVE_PEERS}); each is asked for its own document only ({@code ?peers=false}), so two services
 * that name each other do not ask in circles.
 */
final class Topology {
    static final String PATH = "/observe/topology";
    private static final Duration PEER_TIMEOUT = Duration.ofMillis(800);
    private static final ObjectMapper JSON = Json.mapper();

    private final String assembly;
    private final List<Context> contexts;
    private final List<MeteredBinding> bindings;
    private final String transport;
    private final List<Subscription<?>> subscriptions;
    private final EventMeters events;
    private final Map<String, HealthCheck> outboxes;
    private final boolean metered;
    private final List<URI> peers;
    private final Map<MeteredBinding, LiveFigures> figures = new ConcurrentHashMap<>();
    private final HttpClient client;
    private final byte[] view;

    Topology(String assembly, boolean metered, List<Context> contexts, List<MeteredBinding> bindings,
             String transport, List<Subscription<?>> subscriptions, EventMeters events,
             Map<String, HealthCheck> outboxes, List<URI> peers) {
        this.assembly = assembly;
        this.metered = metered;
        this.contexts = List.copyOf(contexts);
        this.bindings = List.copyOf(bindings);
        this.transport = transport;
        this.subscriptions = List.copyOf(subscriptions);
        this.events = events;
        this.outboxes = Map.copyOf(outboxes);
        this.peers = List.copyOf(peers);
        this.client = peers.isEmpty() ? null : HttpClient.newBuilder().connectTimeout(PEER_TIMEOUT).build();
        this.view = resource("topology-view.html");
    }

    /**
     * A context this process runs.
     *
     * @param name     its name
     * @param provides the simple names of the APIs it provides
     * @param requires the simple names of the APIs it requires
     */
    record Context(String name, List<String> provides, List<String> requires) {
    }

    void routing(HttpRouting.Builder routing) {
        routing.get(PATH, this::answer)
                .get(PATH + "/view", this::page);
    }

    private void answer(ServerRequest request, ServerResponse response) {
        boolean withPeers = !"false".equals(request.query().first("peers").orElse("true"));
        ObjectNode document = document(System.nanoTime());
        if (withPeers) {
            document.set("peers", peerDocuments());
        }
        response.headers().contentType(MediaTypes.APPLICATION_JSON);
        response.headers().set(HeaderValues.CACHE_NO_CACHE);
        response.send(Json.write(document));
    }

    private void page(ServerRequest request, ServerResponse response) {
        response.headers().contentType(MediaTypes.TEXT_HTML);
        // The page's script is inline and asks only this origin; nothing else may run in it.
        response.headers().set(HeaderNames.create("Content-Security-Policy"),
                               "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                               + "connect-src 'self'; img-src data:");
        response.send(view);
    }

    /**
     * This process's document, without peers.
     *
     * @param nowNanos the time now, for the live figures
     * @return the document
     */
    ObjectNode document(long nowNanos) {
        ObjectNode document = JSON.createObjectNode();
        document.put("assembly", assembly);
        // Off (CLEAVE_METRICS=off), no call is measured and every live figure stays 0.
        document.put("metrics", metered ? "on" : "off");
        ArrayNode contextNodes = document.putArray("contexts");
        for (Context context : contexts) {
            ObjectNode node = contextNodes.addObject();
            node.put("name", context.name());
            context.provides().forEach(node.putArray("provides")::add);
            context.requires().forEach(node.putArray("requires")::add);
            HealthCheck outbox = outboxes.get(context.name());
            if (outbox != null) {
                node.set("outbox", outbox(outbox.call()));
            }
        }
        ArrayNode bindingNodes = document.putArray("bindings");
        for (MeteredBinding binding : bindings) {
            bindingNodes.add(binding(binding, nowNanos));
        }
        ObjectNode eventsNode = document.putObject("events");
        eventsNode.put("transport", transport);
        ArrayNode subscriptionNodes = eventsNode.putArray("subscriptions");
        for (Subscription<?> subscription : subscriptions) {
            subscriptionNodes.addObject()
                    .put("consumer", subscription.consumer())
                    .put("publisher", subscription.publisher())
                    .put("event", subscription.typeName())
                    .put("applied", events.applied(subscription));
        }
        ArrayNode publishedNodes = eventsNode.putArray("published");
        events.published().forEach((publisher, types) -> types.forEach(
                (type, count) -> publishedNodes.addObject().put("publisher", publisher).put("event", type)
                        .put("count", count)));
        return document;
    }

    private ObjectNode binding(MeteredBinding binding, long nowNanos) {
        ObjectNode node = JSON.createObjectNode();
        node.put("api", binding.api().getSimpleName());
        binding.consumers().forEach(node.putArray("consumers")::add);
        node.put("binding", binding.kind());
        node.put("provider", binding.peer());
        binding.url().ifPresent(url -> node.put("url", url.toString()));
        if (binding.url().isPresent()) {
            node.put("breaker", binding.resilience().breakerState())
                    .put("retries", binding.resilience().retries())
                    .put("inFlight", binding.resilience().inFlight())
                    .put("queued", binding.resilience().queued());
        }
        LiveFigures.Figures live = figures.computeIfAbsent(binding, b -> new LiveFigures(MeteredBinding.bucketMillis()))
                .update(binding.totals(), nowNanos);
        ObjectNode figureNode = node.putObject("figures").put("calls", live.calls()).put("errors", live.errors());
        putRounded(figureNode, "callsPerSecond", live.callsPerSecond());
        putRounded(figureNode, "errorsPerSecond", live.errorsPerSecond());
        putRounded(figureNode, "p50Millis", live.p50Millis());
        putRounded(figureNode, "p99Millis", live.p99Millis());
        return node;
    }

    private static void putRounded(ObjectNode node, String name, Double value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, Math.round(value * 1000) / 1000.0);
        }
    }

    private static ObjectNode outbox(HealthCheckResponse response) {
        ObjectNode node = JSON.createObjectNode();
        Map<String, Object> details = response.details();
        node.put("backlog", number(details.get("outstanding")));
        Object age = details.get("oldestOutstandingAgeMillis");
        node.put("oldestAgeSeconds", age instanceof Number millis ? millis.doubleValue() / 1000 : 0);
        node.put("deadLetters", number(details.get("deadLetters")));
        return node;
    }

    private static long number(Object figure) {
        return figure instanceof Number number ? number.longValue() : 0;
    }

    // Asked side by side, each within the timeout: a peer that is down shows as such instead of slowing the view.
    private ArrayNode peerDocuments() {
        ArrayNode nodes = JSON.createArrayNode();
        List<CompletableFuture<ObjectNode>> answers = peers.stream().map(this::askPeer).toList();
        answers.forEach(answer -> nodes.add(answer.join()));
        return nodes;
    }

    private CompletableFuture<ObjectNode> askPeer(URI peer) {
        ObjectNode node = JSON.createObjectNode().put("url", peer.toString());
        HttpRequest request = HttpRequest.newBuilder(peer.resolve(PATH + "?peers=false")).timeout(PEER_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(reply -> {
                    if (reply.statusCode() != 200) {
                        return node.put("error", "answered " + reply.statusCode());
                    }
                    try {
                        JsonNode topology = JSON.readTree(reply.body());
                        return node.set("topology", topology);
                    } catch (IOException e) {
                        return node.put("error", "answered something that is not a topology");
                    }
                })
                .exceptionally(failure -> node.put("error", "cannot be reached"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Topology.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the module lacks its resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
