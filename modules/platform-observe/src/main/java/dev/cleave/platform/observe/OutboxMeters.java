package dev.cleave.platform.observe;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

/**
 * Each context's outbox: {@code cleave.outbox.outstanding} (events not yet delivered),
 * {@code cleave.outbox.oldest.age} (how long the oldest of them has waited, in seconds:
 * {@code cleave_outbox_oldest_age_seconds} in Prometheus) and {@code cleave.outbox.dead_letters},
 * per context. Read from the figures of the relay's readiness check ({@code <context>-outbox}), which counts
 * about once a second and never queries the database when asked, so a scrape costs the database nothing.
 */
final class OutboxMeters {
    private static final String SUFFIX = "-outbox";

    private OutboxMeters() {
    }

    /**
     * Registers the gauges of every outbox check among the assembly's health checks.
     *
     * @param registry where the gauges go
     * @param checks   the assembly's health checks
     */
    static void register(MeterRegistry registry, List<HealthCheck> checks) {
        for (HealthCheck check : checks) {
            if (!check.name().endsWith(SUFFIX)) {
                continue;
            }
            String context = check.name().substring(0, check.name().length() - SUFFIX.length());
            registry.getOrCreate(gauge("cleave.outbox.outstanding", "Events in the outbox not yet delivered.", check,
                                       response -> figure(response, "outstanding", 1), context));
            registry.getOrCreate(gauge("cleave.outbox.oldest.age", "How long the oldest undelivered event has waited.",
                                       check, response -> figure(response, "oldestOutstandingAgeMillis", 1_000),
                                       context).baseUnit("seconds"));
            registry.getOrCreate(gauge("cleave.outbox.dead_letters", "Events the relay set aside.", check,
                                       response -> figure(response, "deadLetters", 1), context));
        }
    }

    private static Gauge.Builder<Double> gauge(String name, String description, HealthCheck check,
                                               ToDoubleFunction<HealthCheckResponse> figure, String context) {
        return Gauge.builder(name, check, c -> figure.applyAsDouble(c.call()))
                .description(description)
                .tags(Metrics.tags("cleave.context", context));
    }

    // Before the relay's first count there are no figures: not a number, which Prometheus skips.
    private static double figure(HealthCheckResponse response, String name, double divisor) {
        return response.details().get(name) instanceof Number number ? number.doubleValue() / divisor : Double.NaN;
    }
}
