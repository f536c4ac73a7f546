package dev.cleave.platform.spi;

import java.util.List;

import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.Filter;
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
     * Filters that run first on every request, before rate limits and authentication, for what every answer under
     * the context's paths must carry whoever asks, refusals included (a deprecated API version's headers). They
     * must not depend on who the caller is: no one has been authenticated yet.
     *
     * @return the filters, usually none
     */
    default List<Filter> edgeFilters() {
        return List.of();
    }

    /**
     * The objects that implement the APIs this context {@linkplain ContextProvider#provides() provides}. The
     * launcher binds each provided API type to the one of them that implements it, so a context names its API
     * types once and hands over the objects, with no dispatch of its own; a provided type none of them implements
     * stops the assembly at start.
     *
     * @return the implementations, e.g. the use-case service behind the API
     */
    default List<Object> implementations() {
        return List.of();
    }

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
