package dev.cleave.contract;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The split topology as production runs it: the user service, then the order service pointed at it, on a broker
 * of their own (a fresh virtual host). {@link Services} with the two names, and the API routed between them.
 */
final class SplitServices implements AutoCloseable {
    private final Services services;

    private SplitServices(Services services) {
        this.services = services;
    }

    /** Starts both services, each with its own data directory below {@code dataDir}, on a fresh broker vhost. */
    static SplitServices start(Path dataDir) {
        return start(dataDir, Broker.create(), 5672);
    }

    /** Starts both services talking to the broker through {@code brokerPort}, e.g. a {@link TcpProxy}. */
    static SplitServices start(Path dataDir, Broker broker, int brokerPort) {
        return start(dataDir, broker, brokerPort, Map.of());
    }

    /**
     * Starts both services as above, the order service with more environment (e.g. its database). The order
     * service's port is chosen first, so the user service's topology view can show it as its peer
     * ({@code CLEAVE_OBSERVE_PEERS}), as {@code ./cleave run user} does.
     */
    static SplitServices start(Path dataDir, Broker broker, int brokerPort, Map<String, String> orderEnvironment) {
        return start(dataDir, broker, brokerPort, Map.of(), orderEnvironment);
    }

    /** Starts both services as above, on a fresh broker vhost, both with more environment (e.g. tracing's). */
    static SplitServices startBoth(Path dataDir, Map<String, String> environment) {
        return start(dataDir, Broker.create(), 5672, environment, environment);
    }

    private static SplitServices start(Path dataDir, Broker broker, int brokerPort,
                                       Map<String, String> userEnvironment, Map<String, String> orderEnvironment) {
        int orderPort = AssemblyProcess.freePort();
        Map<String, String> order = new HashMap<>(orderEnvironment);
        order.put("PORT", Integer.toString(orderPort));
        Map<String, String> user = new HashMap<>(userEnvironment);
        user.put("CLEAVE_OBSERVE_PEERS", "http://127.0.0.1:" + orderPort);
        return new SplitServices(Services.start(dataDir, broker, brokerPort, List.of("user", "order"),
                                                Map.of("user", user, "order", order)));
    }

    /** Users and everything else to the user service, orders to the order service. */
    Api api() {
        return Api.split(userService().baseUri(), orderService().baseUri());
    }

    Broker broker() {
        return services.broker();
    }

    AssemblyProcess userService() {
        return services.service("user");
    }

    AssemblyProcess orderService() {
        return services.service("order");
    }

    /** Starts the user service again on its port and data, after it was stopped or killed. */
    void restartUserService() {
        services.restart("user");
    }

    /** Starts the order service again on its port and data, after it was stopped or killed. */
    void restartOrderService() {
        services.restart("order");
    }

    @Override
    public void close() {
        services.close();
    }
}
