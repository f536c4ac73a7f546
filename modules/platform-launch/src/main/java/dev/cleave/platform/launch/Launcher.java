package dev.cleave.platform.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.cleave.platform.auth.AuthSettings;
import dev.cleave.platform.auth.Authentication;
import dev.cleave.platform.auth.RateLimitSettings;
import dev.cleave.platform.auth.RateLimits;
import dev.cleave.platform.observe.AssemblyObservation;
import dev.cleave.platform.observe.MeteredBinding;
import dev.cleave.platform.observe.Traces;
import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.EventTransportProvider;
import dev.cleave.platform.spi.InvalidSettingException;
import dev.cleave.platform.spi.RemoteApiProvider;
import dev.cleave.platform.spi.RunningContext;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.WebServer;

/**
 * Assembles whatever contexts are on the module path into one process: discovers them with
 * {@link ServiceLoader}, binds each required API to the local context that provides it, starts them in
 * dependency order and serves all their routes from one WebServer. Adding a context never means editing this
 * class or an assembly's {@code Main}: put its module on the module path.
 */
public final class Launcher {
    private static final System.Logger LOGGER = System.getLogger(Launcher.class.getName());
    private Launcher() {
    }

    /**
     * Starts an assembly from the process environment and keeps it running until the JVM is asked to stop.
     * Exits with status 1 and one clear log line if it cannot start. With {@code CLEAVE_TRAINING_RUN=true} it stops
     * again right after starting, which is how {@code ./cleave run} trains the JDK's AOT cache.
     *
     * @param assembly the assembly's name, for the startup line (e.g. {@code monolith})
     */
    public static void launch(String assembly) {
        configureLogFormat();
        try {
            Config config = Settings.load(System.getenv());
            RunningAssembly running = start(assembly, config, discover(), discoverRemotes(), discoverTransports());
            if (config.get("cleave.training-run").asBoolean().orElse(false)) {
                // A run that only teaches the JDK's AOT cache what starting loads: start, then stop.
                running.close();
                return;
            }
            Signals.stopOn(running, Settings.shutdownBound(config));
            // For every other way the JVM exits (System.exit elsewhere, SIGHUP): no drain, but nothing left open.
            Runtime.getRuntime().addShutdownHook(new Thread(running::close, "cleave-shutdown"));
        } catch (InvalidSettingException e) {
            // The operator's typo: the message says all, a stack trace would only bury it.
            LOGGER.log(Level.ERROR, "cleave assembly '" + assembly + "' cannot start: " + e.getMessage());
            System.exit(1);
        } catch (RuntimeException e) {
            LOGGER.log(Level.ERROR, "cleave assembly '" + assembly + "' failed to start: " + e.getMessage(), e);
            System.exit(1);
        }
    }

    /**
     * The contexts on the module path.
     *
     * @return every {@link ContextProvider} found
     */
    public static List<ContextProvider> discover() {
        return ServiceLoader.load(ContextProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /**
     * The clients of remote contexts on the module path.
     *
     * @return every {@link RemoteApiProvider} found
     */
    public static List<RemoteApiProvider> discoverRemotes() {
        return ServiceLoader.load(RemoteApiProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /**
     * The event transports on the module path: none (events stay in-process) or one broker module.
     *
     * @return every {@link EventTransportProvider} found
     */
    public static List<EventTransportProvider> discoverTransports() {
        return ServiceLoader.load(EventTransportProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /**
     * Starts an assembly of local contexts only.
     *
     * @param assembly the assembly's name
     * @param config   the configuration
     * @param contexts the contexts to run in this process
     * @return the running assembly; close it to stop
     */
    public static RunningAssembly start(String assembly, Config config, List<ContextProvider> contexts) {
        return start(assembly, config, contexts, List.of());
    }

    /**
     * Starts an assembly. A required API is bound to the local context that provides it; if none does, to a remote
     * client on the module path; if there is none either, the assembly does not start.
     *
     * @param assembly the assembly's name
     * @param config   the configuration
     * @param contexts the contexts to run in this process
     * @param remotes  clients of contexts that run elsewhere
     * @return the running assembly; close it to stop
     */
    public static RunningAssembly start(String assembly,
                                        Config config,
                                        List<ContextProvider> contexts,
                                        List<RemoteApiProvider> remotes) {
        return start(assembly, config, contexts, remotes, List.of());
    }

    /**
     * Starts an assembly, its event transport included.
     *
     * @param assembly   the assembly's name
     * @param config     the configuration
     * @param contexts   the contexts to run in this process
     * @param remotes    clients of contexts that run elsewhere
     * @param transports the broker module's transport, if any; without one, events are delivered in-process
     * @return the running assembly; close it to stop
     */
    public static RunningAssembly start(String assembly,
                                        Config config,
                                        List<ContextProvider> contexts,
                                        List<RemoteApiProvider> remotes,
                                        List<EventTransportProvider> transports) {
        long started = System.nanoTime();
        if (contexts.isEmpty()) {
            throw new IllegalStateException("no context on the module path; an assembly needs at least one");
        }
        Path dataDir = dataDir(config);
        Authentication authentication = authentication(config, dataDir, assembly);
        RateLimits limits = RateLimits.create(setting(() -> RateLimitSettings.from(config)));
        List<ContextProvider> ordered = StartOrder.of(contexts);
        ApiDocuments documents = ApiDocuments.of(assembly, ordered);
        AssemblyObservation observation = AssemblyObservation.create(assembly, config);
        // Before anything that traces: the contexts' start, the relays, the first request.
        Traces traces = setting(() -> Traces.start(assembly));
        CompletableFuture<HttpStack> http = HttpStack.prepare(config);
        Map<Class<?>, MeteredBinding> bindings = new LinkedHashMap<>();
        List<RunningContext> running = new ArrayList<>();
        List<AutoCloseable> clients = new ArrayList<>();
        EventWiring events = null;
        ShutdownCheck shutdown = new ShutdownCheck();
        try {
            for (ContextProvider context : ordered) {
                for (Class<?> api : context.requires()) {
                    bindings.computeIfAbsent(api, missing -> bind(missing, context, ordered, running, remotes,
                                                                  config, clients, authentication, observation))
                            .usedBy(context.name());
                }
                RunningContext begun = context.start(ContextSetup.of(config, dataDir, context,
                                                                       implementations(bindings)));
                running.add(begun);
                context.provides().forEach(api -> implementationOf(api, context, begun));
            }
            events = EventWiring.start(config, running, transports, observation);
            List<HealthCheck> checks = new ArrayList<>(events.healthChecks());
            checks.add(shutdown);
            observation.started(ordered, checks);
            authentication.warmUp();
            WebServer server = HttpStack.await(http)
                    .build(running, checks, events.deadLetters(), shutdown, authentication, limits, documents,
                           observation)
                    .start();
            if (!server.isRunning()) {
                // Helidon logs the bind failure and hands back a stopped server rather than throwing.
                throw new Settings.InvalidSettingException(
                        "nothing can listen on " + HttpStack.address(config) + ": the port is taken, or HOST is no "
                        + "address of this machine; set PORT (and HOST) to a free port on this machine");
            }
            RunningAssembly assemblyHandle = new RunningAssembly(server, parts(events, running, clients, traces),
                                                                 shutdown, Settings.drain(config));
            LOGGER.log(Level.INFO, startupLine(assembly, ordered, bindings.values(), events.describe(),
                                               authentication.describe() + ", " + limits.describe(),
                                               traces.describe(), server.port(), started));
            if (server.port(HttpStack.ADMIN_SOCKET) > 0) {
                LOGGER.log(Level.INFO, "admin endpoints (dead letters) on port " + server.port(HttpStack.ADMIN_SOCKET)
                                       + ", never on the public port");
            }
            return assemblyHandle;
        } catch (RuntimeException e) {
            new RunningAssembly(null, parts(events, running, clients, traces), shutdown, Duration.ZERO).close();
            throw e;
        }
    }

    // Every binding is measured (calls, errors, latency; unless CLEAVE_METRICS=off), in-process and remote alike, so
    // the two topologies compare.
    private static MeteredBinding bind(Class<?> api,
                                       ContextProvider requiring,
                                       List<ContextProvider> ordered,
                                       List<RunningContext> running,
                                       List<RemoteApiProvider> remotes,
                                       Config config,
                                       List<AutoCloseable> clients,
                                       Authentication authentication,
                                       AssemblyObservation observation) {
        for (int i = 0; i < running.size(); i++) {
            if (ordered.get(i).provides().contains(api)) {
                return observation.inProcess(api, implementationOf(api, ordered.get(i), running.get(i)),
                                             ordered.get(i).name());
            }
        }
        for (RemoteApiProvider remote : remotes) {
            if (remote.api() == api) {
                Config remoteConfig = config.get("cleave.remote").get(remote.service());
                URI url = remoteConfig.get("url").asString().map(URI::create).orElse(remote.defaultUrl());
                RemoteApiProvider.RemoteApi client = remote.connect(remoteConfig, url,
                                                                    setting(authentication::serviceCredentials));
                clients.add(client.closer());
                return observation.remote(api, client.implementation(), remote.service(), url, client.resilience());
            }
        }
        throw new IllegalStateException("context '" + requiring.name() + "' requires " + api.getName()
                                        + ", but no module on the module path provides it; add the module of the "
                                        + "context that implements it, or of its client, to this assembly");
    }

    // The one object a started context hands over for an API it provides.
    private static Object implementationOf(Class<?> api, ContextProvider context, RunningContext running) {
        List<Object> candidates = running.implementations().stream().filter(api::isInstance).toList();
        if (candidates.size() != 1) {
            throw new IllegalStateException("context '" + context.name() + "' provides " + api.getName() + " but its "
                                            + "implementations() hold " + candidates.size() + " objects implementing "
                                            + "it; hand over exactly one");
        }
        return candidates.getFirst();
    }

    // Closed in this order after the server: relays and transport, contexts in reverse start order, clients.
    private static List<AutoCloseable> parts(EventWiring events,
                                             List<RunningContext> running,
                                             List<AutoCloseable> clients,
                                             Traces traces) {
        List<AutoCloseable> parts = new ArrayList<>();
        if (events != null) {
            parts.add(events);
        }
        parts.addAll(running.reversed());
        parts.addAll(clients.reversed());
        // Last, so the spans of everything stopped before are still sent.
        parts.add(traces);
        return parts;
    }

    private static Authentication authentication(Config config, Path dataDir, String assembly) {
        return setting(() -> Authentication.from(AuthSettings.from(config, dataDir), config, assembly));
    }

    // An auth setting that cannot be used is the operator's to fix: one line naming the variable, no stack trace.
    private static <T> T setting(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (IllegalArgumentException e) {
            throw new Settings.InvalidSettingException(e.getMessage());
        }
    }

    private static Path dataDir(Config config) {
        Path dir = Path.of(config.get("cleave.data-dir").asString().orElse("data")).toAbsolutePath().normalize();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    private static String startupLine(String assembly,
                                      List<ContextProvider> contexts,
                                      Iterable<MeteredBinding> bindings,
                                      String events,
                                      String callers,
                                      String traces,
                                      int port,
                                      long startedNanos) {
        List<String> bound = new ArrayList<>();
        bindings.forEach(binding -> bound.add(binding.toString()));
        return "cleave assembly '" + assembly + "' serving contexts "
               + contexts.stream().map(ContextProvider::name).collect(Collectors.joining(", ", "[", "]"))
               + "; required APIs " + (bound.isEmpty() ? "none" : String.join(", ", bound))
               + "; events " + events
               + "; " + callers
               + "; traces " + traces
               + "; listening on port " + port
               + " (started in " + (System.nanoTime() - startedNanos) / 1_000_000 + " ms)";
    }

    // One line per record, unless the user configured java.util.logging otherwise.
    private static void configureLogFormat() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
            && System.getProperty("java.util.logging.config.file") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                               "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
    }

    private static Map<Class<?>, Object> implementations(Map<Class<?>, MeteredBinding> bindings) {
        Map<Class<?>, Object> implementations = new LinkedHashMap<>();
        bindings.forEach((api, binding) -> implementations.put(api, binding.implementation()));
        return implementations;
    }
}
