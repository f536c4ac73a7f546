package dev.cleave.platform.observe;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.InvalidSettingException;
import dev.cleave.platform.spi.RemoteApiProvider.Resilience;
import dev.cleave.platform.spi.Subscription;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.observe.spi.Observer;

/**
 * Everything one assembly shows of itself: its meters, in Prometheus text at {@code /observe/metrics} (every route
 * ({@link RouteMetrics}), every required API's binding ({@link MeteredBinding}), the events published and applied,
 * each context's pool and outbox, and the JVM's and process's basics, which Helidon's system meters give), and
 * its live topology at {@code /observe/topology} ({@link Topology}). The launcher tells it what it binds and wires
 * as it starts the assembly, then {@linkplain #started started}, then serves it.
 */
public final class AssemblyObservation {
    private static final String OUTBOX_SUFFIX = "-outbox";

    private final String assembly;
    private final boolean metered;
    private final List<URI> configuredPeers;
    private final MeterRegistry registry = Metrics.globalRegistry();
    private final List<MeteredBinding> bindings = new ArrayList<>();
    private final EventMeters events = new EventMeters(registry);
    private String transport = "none";
    private List<Subscription<?>> subscriptions = List.of();
    private Topology topology;

    private AssemblyObservation(String assembly, boolean metered, List<URI> configuredPeers) {
        this.assembly = assembly;
        this.metered = metered;
        this.configuredPeers = configuredPeers;
    }

    /**
     * The observation of one assembly.
     *
     * @param assembly the assembly's name
     * @param config   the configuration: {@code cleave.observe.peers}, a comma-separated list of base URLs, and
     *                 {@code cleave.metrics}, {@code on} (the default) or {@code off}: no meter at all, and no
     *                 {@code /observe/metrics} (what a benchmark of their cost compares against)
     * @return the observation
     * @throws InvalidSettingException if a peer is no absolute http(s) URL, or metrics are neither on nor off
     */
    public static AssemblyObservation create(String assembly, Config config) {
        List<URI> peers = new ArrayList<>();
        for (String peer : config.get("cleave.observe.peers").asString().orElse("").split(",")) {
            if (!peer.isBlank()) {
                peers.add(peer(peer.strip()));
            }
        }
        String metrics = config.get("cleave.metrics").asString().orElse("on").strip();
        if (!metrics.equals("on") && !metrics.equals("off")) {
            throw new InvalidSettingException("CLEAVE_METRICS must be on or off, not '" + metrics + "'");
        }
        return new AssemblyObservation(assembly, metrics.equals("on"), peers);
    }

    private static URI peer(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("CLEAVE_OBSERVE_PEERS must list base URLs such as "
                                              + "http://127.0.0.1:8081, separated by commas; '" + text
                                              + "' is none");
        }
    }

    /**
     * Measures a binding to a context in this process.
     *
     * @param api            the API type
     * @param implementation the context's implementation
     * @param context        the providing context's name
     * @return the binding; hand the requiring contexts its {@link MeteredBinding#implementation()}
     */
    public MeteredBinding inProcess(Class<?> api, Object implementation, String context) {
        return add(MeteredBinding.inProcess(registry, api, implementation, context, metered));
    }

    /**
     * Measures a binding to a service in another process.
     *
     * @param api            the API type
     * @param implementation the client
     * @param service        the service's name
     * @param url            where it answers
     * @param resilience     the client's fault tolerance
     * @return the binding; hand the requiring contexts its {@link MeteredBinding#implementation()}
     */
    public MeteredBinding remote(Class<?> api, Object implementation, String service, URI url,
                                 Resilience resilience) {
        return add(MeteredBinding.remote(registry, api, implementation, service, url, resilience, metered));
    }

    private synchronized MeteredBinding add(MeteredBinding binding) {
        bindings.add(binding);
        return binding;
    }

    /**
     * Counts what the assembly's transport delivers.
     *
     * @param eventTransport the transport
     * @return the transport to use instead
     */
    public synchronized EventTransport meter(EventTransport eventTransport) {
        this.transport = eventTransport.describe();
        return metered ? events.meter(eventTransport) : eventTransport;
    }

    /**
     * Counts what the subscriptions apply.
     *
     * @param contextSubscriptions every local context's subscriptions
     * @return the subscriptions to hand the transport instead
     */
    public synchronized List<Subscription<?>> meter(List<Subscription<?>> contextSubscriptions) {
        this.subscriptions = metered ? events.meter(contextSubscriptions) : List.copyOf(contextSubscriptions);
        return subscriptions;
    }

    /**
     * Registers the gauges of what has started (pools, outboxes, the broker's figures) and prepares the topology.
     * Call once every context and the event wiring have started.
     *
     * @param contexts the contexts this process runs
     * @param checks   the assembly's health checks, among them the outboxes' and the broker's
     */
    public synchronized void started(List<ContextProvider> contexts, List<HealthCheck> checks) {
        if (metered) {
            PoolMeters.register(registry);
            OutboxMeters.register(registry, checks);
            events.registerBrokerFigures(checks, subscriptions);
        }
        Map<String, HealthCheck> outboxes = new LinkedHashMap<>();
        for (HealthCheck check : checks) {
            if (check.name().endsWith(OUTBOX_SUFFIX)) {
                outboxes.put(check.name().substring(0, check.name().length() - OUTBOX_SUFFIX.length()), check);
            }
        }
        Set<URI> peers = new LinkedHashSet<>();
        bindings.forEach(binding -> binding.url().ifPresent(peers::add));
        peers.addAll(configuredPeers);
        List<Topology.Context> described = contexts.stream()
                .map(context -> new Topology.Context(context.name(), simpleNames(context.provides()),
                                                     simpleNames(context.requires())))
                .toList();
        topology = new Topology(assembly, metered, described, bindings, transport, subscriptions, events, outboxes,
                                List.copyOf(peers));
    }

    /**
     * Adds {@code /observe/topology} and its view to the public routing.
     *
     * @param routing the assembly's routing
     * @throws IllegalStateException before {@link #started}
     */
    public void routing(HttpRouting.Builder routing) {
        if (topology == null) {
            throw new IllegalStateException("the topology is served once the assembly has started");
        }
        topology.routing(routing);
    }

    /**
     * The filter that gives every request its server span, marked with this assembly.
     *
     * @return the filter; register it first
     */
    public Filter tracingFilter() {
        return ServerTracing.filter(assembly);
    }

    /**
     * The observer that serves every meter at {@code /observe/metrics}, and the filter that times every request:
     * none when metrics are off.
     *
     * @return the observer and the filter, for the assembly's observe feature and its routing
     */
    public Optional<Metered> metricsServing() {
        return metered ? Optional.of(new Metered(MetricsObserver.builder().build(), RouteMetrics.create().filter()))
                       : Optional.empty();
    }

    /**
     * What metrics add to the server.
     *
     * @param observer serves {@code /observe/metrics}
     * @param filter   times every request; register it early, so the time includes the other filters
     */
    public record Metered(Observer observer, Filter filter) {
    }

    private static List<String> simpleNames(Set<Class<?>> types) {
        return types.stream().map(Class::getSimpleName).sorted().toList();
    }
}
