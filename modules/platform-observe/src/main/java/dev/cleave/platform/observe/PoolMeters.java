package dev.cleave.platform.observe;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.function.Supplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

/**
 * Each context's connection pool, after OpenTelemetry's database client conventions:
 * {@code db.client.connection.count} by state ({@code used}, {@code idle}) and
 * {@code db.client.connection.pending_requests}, per pool ({@code user-db}, {@code order-db}). Read from the JMX
 * beans HikariCP registers, so no context and no persistence code knows that metrics exist.
 */
final class PoolMeters {
    private static final String POOLS = "com.zaxxer.hikari:type=Pool (*)";

    private PoolMeters() {
    }

    /**
     * Registers the gauges of every pool open now; call once the contexts have started.
     *
     * @param registry where the gauges go
     */
    static void register(MeterRegistry registry) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> pools;
        try {
            pools = server.queryNames(new ObjectName(POOLS), null);
        } catch (JMException e) {
            throw new IllegalStateException("cannot ask JMX for the connection pools", e);
        }
        for (ObjectName pool : pools) {
            String name = pool.getKeyProperty("type").replaceFirst("^Pool \\((.*)\\)$", "$1");
            registry.getOrCreate(gauge("db.client.connection.count", "Connections of the pool, by state.",
                                       figure(server, pool, "ActiveConnections"),
                                       "db.client.connection.pool.name", name, "db.client.connection.state", "used"));
            registry.getOrCreate(gauge("db.client.connection.count", "Connections of the pool, by state.",
                                       figure(server, pool, "IdleConnections"),
                                       "db.client.connection.pool.name", name, "db.client.connection.state", "idle"));
            registry.getOrCreate(gauge("db.client.connection.pending_requests",
                                       "Callers waiting for a connection of the pool.",
                                       figure(server, pool, "ThreadsAwaitingConnection"),
                                       "db.client.connection.pool.name", name));
        }
    }

    private static Gauge.Builder<Double> gauge(String name, String description, Supplier<Double> value,
                                               String... tags) {
        return Gauge.builder(name, value).description(description).tags(Metrics.tags(tags));
    }

    // A pool closed meanwhile (a stopping assembly) reads as not a number, which Prometheus skips.
    private static Supplier<Double> figure(MBeanServer server, ObjectName pool, String attribute) {
        return () -> {
            try {
                return ((Number) server.getAttribute(pool, attribute)).doubleValue();
            } catch (JMException e) {
                return Double.NaN;
            }
        };
    }
}
