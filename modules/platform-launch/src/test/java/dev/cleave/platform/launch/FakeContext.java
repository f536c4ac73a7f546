package dev.cleave.platform.launch;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.RemoteApiProvider;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.spi.ServiceCredentials;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/**
 * A context for launcher tests: declares what it provides and requires, records what it was given at start,
 * serves {@code GET /<name>} answering with what its factory builds from the setup, and reports the health checks
 * it was given.
 */
final class FakeContext implements ContextProvider {
    /** A fake API; public, as a context's API is, so its binding can be measured. */
    public interface Greeter {
        String greet();
    }

    /** Another fake API. */
    public interface Counter {
        int count();
    }

    static final List<String> STARTED = new ArrayList<>();
    static final List<String> CLOSED = new ArrayList<>();

    private final String name;
    private final Set<Class<?>> provides;
    private final Set<Class<?>> requires;
    private final Map<Class<?>, Function<ContextSetup, Object>> implementations;
    private final List<HealthCheck> healthChecks;

    FakeContext(String name, Set<Class<?>> provides, Set<Class<?>> requires,
                Map<Class<?>, Function<ContextSetup, Object>> implementations) {
        this(name, provides, requires, implementations, List.of());
    }

    private FakeContext(String name, Set<Class<?>> provides, Set<Class<?>> requires,
                        Map<Class<?>, Function<ContextSetup, Object>> implementations, List<HealthCheck> healthChecks) {
        this.name = name;
        this.provides = provides;
        this.requires = requires;
        this.implementations = implementations;
        this.healthChecks = healthChecks;
    }

    static FakeContext plain(String name, Set<Class<?>> provides, Set<Class<?>> requires) {
        return new FakeContext(name, provides, requires, Map.of());
    }

    static FakeContext withHealthChecks(String name, HealthCheck... healthChecks) {
        return new FakeContext(name, Set.of(), Set.of(), Map.of(), List.of(healthChecks));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Class<?>> provides() {
        return provides;
    }

    @Override
    public Set<Class<?>> requires() {
        return requires;
    }

    @Override
    public RunningContext start(ContextSetup setup) {
        STARTED.add(name);
        return new RunningContext() {
            @Override
            public void routing(HttpRouting.Builder routing) {
                routing.get("/" + name, (request, response) -> {
                    String body = requires.contains(Greeter.class)
                            ? setup.require(Greeter.class).greet()
                            : name;
                    response.send(body);
                });
            }

            @Override
            public List<Object> implementations() {
                return implementations.values().stream().map(factory -> factory.apply(setup)).toList();
            }

            @Override
            public List<HealthCheck> healthChecks() {
                return healthChecks;
            }

            @Override
            public void close() {
                CLOSED.add(name);
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * A client of the greeter service, as a remote-API module would provide it; its {@code connect} does what the
     * test says with the URL and the credentials the launcher hands it.
     */
    static RemoteApiProvider greeterClient(BiFunction<URI, ServiceCredentials, RemoteApiProvider.RemoteApi> connect) {
        return new RemoteApiProvider() {
            @Override
            public Class<?> api() {
                return Greeter.class;
            }

            @Override
            public String service() {
                return "greeter";
            }

            @Override
            public URI defaultUrl() {
                return URI.create("http://127.0.0.1:1");
            }

            @Override
            public RemoteApi connect(Config config, URI baseUrl, ServiceCredentials credentials) {
                return connect.apply(baseUrl, credentials);
            }
        };
    }
}
