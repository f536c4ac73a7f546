package dev.cleave.platform.observe;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;

import dev.cleave.platform.spi.RemoteApiProvider.Resilience;
import io.helidon.metrics.api.Bucket;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * One required API as the assembly binds it, in-process or remote, measured: every call through it is timed into
 * {@value #DURATION} (seconds) by API ({@code rpc.service}), method ({@code rpc.method}), binding
 * ({@code cleave.binding}: {@code in-process} or {@code remote}), the context or service that answers
 * ({@code cleave.peer}) and outcome ({@code ok}, or {@code error} if it threw), so calls, errors and latency read the
 * same in the monolith and in the split. A remote binding shows its client's fault tolerance too:
 * {@code cleave.binding.retries}, {@code cleave.binding.breaker.state} (1 for the state it is in, 0 for the others)
 * and {@code cleave.binding.bulkhead.in_use} / {@code .queued}.
 *
 * <p>The measuring is a {@link Proxy} of the API interface in front of the implementation the launcher bound, so
 * neither the context that calls nor the one that answers knows of it.
 */
public final class MeteredBinding {
    /** The duration histogram's name. */
    public static final String DURATION = "cleave.binding.duration";
    private static final List<String> BREAKER_STATES = List.of("closed", "open", "half_open");
    // From a tenth of a millisecond (a call within the process) to seconds (a remote call that times out).
    private static final Duration[] BUCKETS = DoubleStream.of(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500,
                                                              1_000, 2_500, 5_000)
            .mapToObj(millis -> Duration.ofNanos((long) (millis * 1_000_000)))
            .toArray(Duration[]::new);

    private final Class<?> api;
    private final String peer;
    private final Optional<URI> url;
    private final Resilience resilience;
    private final Object target;
    // The target itself when metrics are off (CLEAVE_METRICS=off): no proxy, nothing measured.
    private final Object proxy;
    private final MeterRegistry registry;
    private final List<String> consumers = new CopyOnWriteArrayList<>();
    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    private MeteredBinding(MeterRegistry registry, Class<?> api, Object target, String peer, Optional<URI> url,
                           Resilience resilience, boolean measured) {
        requireReachable(api);
        this.registry = registry;
        this.api = api;
        this.target = target;
        this.peer = peer;
        this.url = url;
        this.resilience = resilience;
        this.proxy = measured ? Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, new Measuring())
                              : target;
    }

    // Calls go through the API's methods by reflection, which needs what every context's API is anyway: a public
    // interface in an exported package. Said at start, rather than as a failure of the first call.
    private static void requireReachable(Class<?> api) {
        if (!api.isInterface() || !Modifier.isPublic(api.getModifiers())
            || !api.getModule().isExported(api.getPackageName())) {
            throw new IllegalStateException(api.getName() + " is bound as a required API, so it must be a public "
                                            + "interface in a package its module exports");
        }
    }

    /**
     * A binding to a context in this process.
     *
     * @param registry       where the meters go
     * @param api            the API type
     * @param implementation the context's implementation of it
     * @param context        the context that provides it
     * @param measured       whether to measure its calls, or hand the implementation over as it is
     * @return the binding
     */
    static MeteredBinding inProcess(MeterRegistry registry, Class<?> api, Object implementation, String context,
                                    boolean measured) {
        return new MeteredBinding(registry, api, implementation, context, Optional.empty(), Resilience.NONE,
                                  measured);
    }

    /**
     * A binding to a service in another process, through its client.
     *
     * @param registry       where the meters go
     * @param api            the API type
     * @param implementation the client
     * @param service        the service that answers
     * @param url            where it answers
     * @param resilience     the client's fault tolerance
     * @param measured       whether to measure its calls and register the gauges of its fault tolerance
     * @return the binding
     */
    static MeteredBinding remote(MeterRegistry registry, Class<?> api, Object implementation, String service,
                                 URI url, Resilience resilience, boolean measured) {
        MeteredBinding binding = new MeteredBinding(registry, api, implementation, service, Optional.of(url),
                                                    resilience, measured);
        if (measured) {
            binding.registerResilience();
        }
        return binding;
    }

    /**
     * What to hand the contexts that require the API: the implementation, measured (unless metrics are off).
     *
     * @return an object implementing the API
     */
    public Object implementation() {
        return proxy;
    }

    /**
     * The API type.
     *
     * @return the type
     */
    public Class<?> api() {
        return api;
    }

    /**
     * Records that a context calls through this binding, for the topology view.
     *
     * @param context the requiring context's name
     */
    public void usedBy(String context) {
        if (!consumers.contains(context)) {
            consumers.add(context);
        }
    }

    /**
     * Where the API comes from, e.g. {@code in-process (user)} or {@code remote (http://127.0.0.1:8081)}.
     *
     * @return a short description
     */
    public String describe() {
        return url.map(remote -> "remote (" + remote + ")").orElse("in-process (" + peer + ")");
    }

    @Override
    public String toString() {
        return api.getSimpleName() + " -> " + describe();
    }

    List<String> consumers() {
        return List.copyOf(consumers);
    }

    String peer() {
        return peer;
    }

    Optional<URI> url() {
        return url;
    }

    Resilience resilience() {
        return resilience;
    }

    String kind() {
        return url.isPresent() ? "remote" : "in-process";
    }

    /**
     * Every call so far, of every method, added up: for the live figures of the topology view.
     *
     * @return the totals
     */
    Totals totals() {
        long calls = 0;
        long errors = 0;
        long[] cumulative = new long[BUCKETS.length];
        for (Map.Entry<Series, Timer> entry : timers.entrySet()) {
            long count = entry.getValue().count();
            calls += count;
            if (!entry.getKey().outcome().equals("ok")) {
                errors += count;
            }
            int i = 0;
            for (Bucket bucket : entry.getValue().snapshot().histogramCounts()) {
                if (i < cumulative.length) {
                    cumulative[i++] += bucket.count();
                }
            }
        }
        return new Totals(calls, errors, cumulative);
    }

    /** The upper bounds of the duration buckets, in milliseconds, in the order of {@link Totals#cumulative()}. */
    static double[] bucketMillis() {
        return Arrays.stream(BUCKETS).mapToDouble(bucket -> bucket.toNanos() / 1e6).toArray();
    }

    private void record(Method method, String outcome, long startedNanos) {
        timers.computeIfAbsent(new Series(method.getName(), outcome), series -> registry.getOrCreate(
                Timer.builder(DURATION)
                        .description("Duration of calls through a required API's binding.")
                        .baseUnit(TimeUnit.SECONDS)
                        .buckets(BUCKETS)
                        // No client-side percentiles (Helidon's default): each would cost every call a sliding
                        // window's update and cannot be summed across instances; the buckets give them instead.
                        .percentiles(new double[0])
                        .tags(tags("rpc.method", series.method(), "outcome", series.outcome()))))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    private void registerResilience() {
        registry.getOrCreate(FunctionalCounter.builder("cleave.binding.retries", resilience, Resilience::retries)
                                     .description("Calls the client repeated after a failed attempt.")
                                     .tags(tags()));
        for (String state : BREAKER_STATES) {
            registry.getOrCreate(Gauge.builder("cleave.binding.breaker.state", resilience,
                                               client -> state.equals(client.breakerState()) ? 1 : 0)
                                         .description("1 for the state the client's circuit breaker is in.")
                                         .tags(tags("state", state)));
        }
        registry.getOrCreate(Gauge.builder("cleave.binding.bulkhead.in_use", resilience, Resilience::inFlight)
                                     .description("Calls the client's bulkhead let through, not yet finished.")
                                     .tags(tags()));
        registry.getOrCreate(Gauge.builder("cleave.binding.bulkhead.queued", resilience, Resilience::queued)
                                     .description("Calls waiting in the client's bulkhead queue.")
                                     .tags(tags()));
    }

    private Iterable<Tag> tags(String... more) {
        List<String> pairs = new ArrayList<>(List.of("rpc.service", api.getSimpleName(), "cleave.binding", kind(),
                                                     "cleave.peer", peer));
        pairs.addAll(List.of(more));
        return Metrics.tags(pairs.toArray(String[]::new));
    }

    /**
     * Calls and errors so far, and how many calls took at most each bucket's bound.
     *
     * @param calls      the calls
     * @param errors     those that threw
     * @param cumulative for each bucket of {@link #bucketMillis()}, the calls that took at most its bound
     */
    record Totals(long calls, long errors, long[] cumulative) {
    }

    private record Series(String method, String outcome) {
    }

    private final class Measuring implements InvocationHandler {
        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "measured " + MeteredBinding.this;
                };
            }
            long started = System.nanoTime();
            try {
                Object result = method.invoke(target, args);
                record(method, "ok", started);
                return result;
            } catch (InvocationTargetException e) {
                record(method, "error", started);
                throw e.getCause();
            }
        }
    }
}
