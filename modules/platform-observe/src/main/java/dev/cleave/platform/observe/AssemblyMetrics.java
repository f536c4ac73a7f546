package dev.cleave.platform.observe;

import java.util.List;

import io.helidon.health.HealthCheck;
import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import io.helidon.webserver.observe.spi.Observer;

/**
 * The assembly's metrics, served in Prometheus text at {@code /observe/metrics}: the duration of every request by
 * route ({@link RouteMetrics}), each context's connection pool and outbox, and the JVM's and process's basics
 * (memory, threads, garbage collection, CPU, uptime), which Helidon's system meters give.
 */
public final class AssemblyMetrics {
    private AssemblyMetrics() {
    }

    /**
     * Registers the pools' and outboxes' gauges and makes the observer that serves every meter. Call once the
     * contexts have started: their pools and outboxes exist then.
     *
     * @param checks the assembly's health checks, among them the outboxes'
     * @return the observer, for the assembly's observe feature
     */
    public static Observer observer(List<HealthCheck> checks) {
        PoolMeters.register(Metrics.globalRegistry());
        OutboxMeters.register(Metrics.globalRegistry(), checks);
        return MetricsObserver.builder().build();
    }
}
