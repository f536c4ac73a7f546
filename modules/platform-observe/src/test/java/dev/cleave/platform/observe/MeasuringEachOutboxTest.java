package dev.cleave.platform.observe;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.MetricsConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox gauges follow the relay's readiness figures as they change, per context, and read as not a number
 * before the relay's first count; checks that are not an outbox's get no gauges.
 */
class MeasuringEachOutboxTest {
    private final MeterRegistry registry = Metrics.createMeterRegistry(MetricsConfig.create());
    private final AtomicReference<HealthCheckResponse> orderOutbox = new AtomicReference<>(
            HealthCheckResponse.builder().status(false).build());

    @Test
    void theGaugesFollowTheRelaysFigures() {
        OutboxMeters.register(registry, List.of(check("order-outbox", orderOutbox), check("order-db", orderOutbox)));
        assertTrue(Double.isNaN(gauge("cleave.outbox.outstanding")), "no count yet");

        orderOutbox.set(HealthCheckResponse.builder().status(true).detail("outstanding", 7L)
                                .detail("oldestOutstandingAgeMillis", 2_500L).detail("deadLetters", 1L).build());

        assertEquals(7, gauge("cleave.outbox.outstanding"));
        assertEquals(2.5, gauge("cleave.outbox.oldest.age"));
        assertEquals(1, gauge("cleave.outbox.dead_letters"));
        assertEquals(3, registry.meters().size(), "three gauges for the one outbox, none for the database check");
    }

    private double gauge(String name) {
        Gauge<?> gauge = (Gauge<?>) registry.meters().stream()
                .filter(meter -> meter.id().name().equals(name)
                                 && "order".equals(meter.id().tagsMap().get("cleave.context")))
                .findFirst().orElseThrow();
        return gauge.value().doubleValue();
    }

    private static HealthCheck check(String name, AtomicReference<HealthCheckResponse> response) {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public HealthCheckResponse call() {
                return response.get();
            }
        };
    }
}
