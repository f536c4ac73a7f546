package dev.cleave.platform.launch;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.cleave.platform.auth.Authentication;
import dev.cleave.platform.auth.RateLimits;
import dev.cleave.platform.observe.AccessLog;
import dev.cleave.platform.observe.AssemblyObservation;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.web.Json;
import dev.cleave.platform.web.ProblemDirectHandler;
import dev.cleave.platform.web.ProblemHandlers;
import dev.cleave.platform.web.RequestIds;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.ObserveFeatureConfig;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.health.HealthObserverConfig;

/**
 * The assembly's one WebServer, made in two steps. What needs no context (the server's settings, Jackson, the
 * problem handlers, the routing and health builders) is prepared on a thread of its own while the contexts start:
 * loading and initializing those classes takes about as long as the contexts take to open their databases, and
 * the two overlap on a machine with more than one core. Then the contexts' routes and health checks are added and
 * the server is built.
 */
final class HttpStack {
    // Helidon closes a connection at this size; the API's own, smaller limit (64 KiB) answers 413 as a problem.
    private static final long HARD_PAYLOAD_LIMIT = 1024 * 1024;
    /** The named socket of the admin endpoints. */
    static final String ADMIN_SOCKET = "admin";
    private static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(3);

    private final WebServerConfig.Builder server;
    private final HttpRouting.Builder routing;
    private final HealthObserverConfig.Builder health;
    private final boolean accessLog;

    private HttpStack(Config config) {
        // Helidon's own server configuration first (TLS, more sockets, max-concurrent-requests, timeouts work without
        // code), then what Cleave fixes: the address (PORT and HOST win, as documented), its limits and handlers.
        this.server = WebServer.builder()
                .config(config.get("server"))
                .host(host(config))
                .port(port(config))
                .maxPayloadSize(HARD_PAYLOAD_LIMIT)
                .shutdownHook(false)
                .mediaContext(MediaContext.builder()
                                      .mediaSupportsDiscoverServices(false)
                                      .addMediaSupport(JacksonSupport.create(Json.mapper()))
                                      .build())
                .directHandlers(ProblemDirectHandler.forAllEvents());
        if (!config.get("server.shutdown-grace-period").exists()) {
            // Helidon's default (half a second) cuts off a request that waits for a database connection (up to 1 s).
            server.shutdownGracePeriod(DEFAULT_SHUTDOWN_GRACE);
        }
        adminPort(config).ifPresent(port -> server.putSocket(ADMIN_SOCKET, socket -> socket
                .host(config.get("cleave.admin.host").asString().orElse("127.0.0.1"))
                .port(port)));
        this.accessLog = Settings.accessLog(config);
        this.routing = HttpRouting.builder();
        ProblemHandlers.install(routing);
        // Details show figures only: every check added below is wrapped in a PublicHealthCheck.
        this.health = HealthObserver.builder().details(true);
    }

    /**
     * Where the server listens, as {@code host:port}.
     *
     * @param config the assembly's configuration
     * @return the address
     */
    static String address(Config config) {
        return host(config) + ":" + port(config);
    }

    // Off unless configured: the admin endpoints have no authentication of their own yet, and a socket nobody asked
    // for is a port nobody guards.
    private static Optional<Integer> adminPort(Config config) {
        return config.get("cleave.admin.port").asInt().asOptional();
    }

    private static String host(Config config) {
        return config.get("server.host").asString().orElse("127.0.0.1");
    }

    private static int port(Config config) {
        return config.get("server.port").asInt().orElse(8080);
    }

    /**
     * Starts preparing the server on a thread of its own.
     *
     * @param config the assembly's configuration
     * @return the prepared stack, once ready
     */
    static CompletableFuture<HttpStack> prepare(Config config) {
        return CompletableFuture.supplyAsync(() -> new HttpStack(config),
                                             task -> Thread.ofPlatform().daemon().name("cleave-http-prepare")
                                                     .start(task));
    }

    /**
     * Waits for a prepared stack.
     *
     * @param prepared the stack being prepared
     * @return the stack
     * @throws RuntimeException what preparing it threw
     */
    static HttpStack await(CompletableFuture<HttpStack> prepared) {
        try {
            return prepared.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Adds the contexts' routes and health checks and builds the server (not started). Each check is shown as a
     * {@link PublicHealthCheck}: its status and figures, never a text or an exception. The admin endpoints (the dead
     * letters) go on the admin socket only, if one is configured ({@code cleave.admin.port}), never on the public
     * port.
     *
     * @param running     the started contexts
     * @param more        further health checks (the event transport's, the outboxes')
     * @param deadLetters the local consumers' dead letters, for the admin socket
     * @param shutdown    the readiness check of a stop, whose responses close their connections while it drains
     * @param callers     verifies every request's bearer token before any route sees it
     * @param limits      the rate limits: by client address before authentication, by subject after it
     * @param documents   the API's documents, for {@code /openapi} and {@code /docs}
     * @param observation the assembly's meters and topology, for {@code /observe/metrics} and
     *                    {@code /observe/topology}
     * @return the server
     */
    WebServer build(List<RunningContext> running, List<HealthCheck> more, DeadLetterOffice deadLetters,
                    ShutdownCheck shutdown, Authentication callers, RateLimits limits, ApiDocuments documents,
                    AssemblyObservation observation) {
        // First the request's span, whose trace id is the request's id; then that id, which every answer and log
        // line after it may show; then what measures it all.
        Optional<AssemblyObservation.Metered> metrics = observation.metricsServing();
        routing.addFilter(observation.tracingFilter())
                .addFilter(RequestIds.filter());
        metrics.ifPresent(metered -> routing.addFilter(metered.filter()));
        if (accessLog) {
            routing.addFilter(AccessLog.filter());
        }
        routing.addFilter(shutdown::closeConnectionsWhileStopping);
        running.forEach(context -> context.edgeFilters().forEach(routing::addFilter));
        routing.addFilter(limits.byAddress())
                .addFilter(callers.filter())
                .addFilter(limits.bySubject());
        running.forEach(context -> context.routing(routing));
        ApiEndpoints.install(server, routing, documents);
        observation.routing(routing);
        running.forEach(context -> context.healthChecks().forEach(this::addCheck));
        more.forEach(this::addCheck);
        if (server.sockets().containsKey(ADMIN_SOCKET)) {
            HttpRouting.Builder admin = HttpRouting.builder();
            ProblemHandlers.install(admin);
            admin.register(DeadLetterService.PATH, new DeadLetterService(deadLetters));
            server.routing(ADMIN_SOCKET, admin);
        }
        // Only the observers added here: Helidon would otherwise find the metrics observer on the module path
        // and serve /observe/metrics with metrics off.
        ObserveFeatureConfig.Builder observe = ObserveFeature.builder()
                .observersDiscoverServices(false)
                .addObserver(health.build());
        metrics.ifPresent(metered -> observe.addObserver(metered.observer()));
        return server.addFeature(observe.build())
                .routing(routing)
                .build();
    }

    private void addCheck(HealthCheck check) {
        health.addCheck(PublicHealthCheck.of(check));
    }
}
