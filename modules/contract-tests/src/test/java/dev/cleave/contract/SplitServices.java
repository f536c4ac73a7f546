package dev.cleave.contract;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The split topology as production runs it: the user service, the order service pointed at it, and a broker of
 * their own (a fresh virtual host) between them. Closed in reverse: order service, user service, broker.
 */
final class SplitServices implements AutoCloseable {
    private final Broker broker;
    private AssemblyProcess userService;
    private AssemblyProcess orderService;

    private SplitServices(Broker broker, AssemblyProcess userService, AssemblyProcess orderService) {
        this.broker = broker;
        this.userService = userService;
        this.orderService = orderService;
    }

    /** Starts both services, each with its own data directory below {@code dataDir}, on a fresh broker vhost. */
    static SplitServices start(Path dataDir) {
        return start(dataDir, Broker.create(), 5672);
    }

    /** Starts both services talking to the broker through {@code brokerPort}, e.g. a {@link TcpProxy}. */
    static SplitServices start(Path dataDir, Broker broker, int brokerPort) {
        return start(dataDir, broker, brokerPort, Map.of());
    }

    /** Starts both services as above, the order service with more environment (e.g. its database). */
    static SplitServices start(Path dataDir, Broker broker, int brokerPort, Map<String, String> orderEnvironment) {
        String amqp = broker.url(brokerPort);
        AssemblyProcess users = AssemblyProcess.start("user", dataDir.resolve("user"), Map.of("CLEAVE_AMQP_URL", amqp));
        Map<String, String> orderEnv = new HashMap<>(orderEnvironment);
        orderEnv.put("USER_SERVICE_URL", users.baseUri().toString());
        orderEnv.put("CLEAVE_AMQP_URL", amqp);
        return new SplitServices(broker, users, AssemblyProcess.start("order", dataDir.resolve("order"), orderEnv));
    }

    /** Users and everything else to the user service, orders to the order service. */
    Api api() {
        return Api.split(userService.baseUri(), orderService.baseUri());
    }

    Broker broker() {
        return broker;
    }

    AssemblyProcess userService() {
        return userService;
    }

    AssemblyProcess orderService() {
        return orderService;
    }

    /** Starts the user service again on its port and data, after it was stopped or killed. */
    void restartUserService() {
        userService = userService.restart();
    }

    /** Starts the order service again on its port and data, after it was stopped or killed. */
    void restartOrderService() {
        orderService = orderService.restart();
    }

    @Override
    public void close() {
        orderService.close();
        userService.close();
        broker.close();
    }
}
