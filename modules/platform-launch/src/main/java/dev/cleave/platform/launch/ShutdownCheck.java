package dev.cleave.platform.launch;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The readiness check {@code shutdown}: up while the assembly serves, down from the moment it is asked to stop, so
 * a load balancer takes it out of rotation during the drain while it still answers. Meanwhile every response asks
 * the client to close its connection, so no keep-alive connection is left idle for the server to close under a
 * request the client is just sending.
 */
final class ShutdownCheck implements HealthCheck {
    private volatile boolean stopping;

    /** Turns readiness down; from now on responses close their connections. */
    void begin() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    /** A routing filter: while stopping, {@code Connection: close} on every response. */
    void closeConnectionsWhileStopping(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (stopping) {
            response.header(HeaderValues.CONNECTION_CLOSE);
        }
        chain.proceed();
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "shutdown";
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder().status(!stopping).build();
    }
}
