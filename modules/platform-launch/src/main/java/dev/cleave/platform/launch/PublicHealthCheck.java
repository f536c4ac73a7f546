package dev.cleave.platform.launch;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * A context's or the transport's health check as the public port shows it: its status and its figures (numbers and
 * booleans), nothing else. A text in a check's data could be an address, a queue's name or an exception's message,
 * and Helidon answers a check that throws with the exception's class name and message; so texts are dropped, and a
 * check that throws is down, with its exception logged once per failure streak instead.
 */
final class PublicHealthCheck implements HealthCheck {
    private static final System.Logger LOGGER = System.getLogger(PublicHealthCheck.class.getName());

    private final HealthCheck check;
    private final AtomicBoolean failing = new AtomicBoolean();

    private PublicHealthCheck(HealthCheck check) {
        this.check = check;
    }

    static HealthCheck of(HealthCheck check) {
        return new PublicHealthCheck(check);
    }

    @Override
    public HealthCheckType type() {
        return check.type();
    }

    @Override
    public String name() {
        return check.name();
    }

    @Override
    public String path() {
        return check.path();
    }

    @Override
    public HealthCheckResponse call() {
        try {
            HealthCheckResponse response = check.call();
            HealthCheckResponse.Builder figures = HealthCheckResponse.builder().status(response.status());
            response.details().forEach((key, value) -> {
                if (value instanceof Number || value instanceof Boolean) {
                    figures.detail(key, value);
                }
            });
            failing.set(false);
            return figures.build();
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOGGER.log(Level.WARNING, "health check " + check.name() + " failed; reporting it down", e);
            }
            return HealthCheckResponse.builder().status(false).build();
        }
    }

    @Override
    public String toString() {
        return check.name();
    }
}
