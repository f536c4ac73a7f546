package dev.cleave.platform.spi;

import java.util.List;
import java.util.Optional;

import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/**
 * A started context: its routes, its health checks and the APIs it implements.
 */
public interface RunningContext extends AutoCloseable {

    /**
     * Adds the context's HTTP routes to the assembly's single routing.
     *
     * @param routing the routing being built
     */
    void routing(HttpRouting.Builder routing);

    /**
     * The implementation of an API this context {@linkplain ContextProvider#provides() provides}.
     *
     * @param api the API type
     * @param <T> the API type
     * @return the implementation, or empty if the context does not provide it
     */
    <T> Optional<T> api(Class<T> api);

    /**
     * Health checks the context wants reported by {@code /observe/health}, e.g. its database.
     *
     * @return the checks
     */
    List<HealthCheck> healthChecks();

    /**
     * The outboxes of events this context publishes; the launcher relays them through the assembly's transport.
     *
     * @return the outboxes, usually one
     */
    default List<EventSource> outboxes() {
        return List.of();
    }

    /**
     * The other contexts' events this context consumes.
     *
     * @return the subscriptions
     */
    default List<Subscription<?>> subscriptions() {
        return List.of();
    }

    /**
     * Stops the context and releases its resources (connections, threads).
     */
    @Override
    void close();
}
