package dev.cleave.platform.observe;

import java.net.URI;
import java.util.Map;

import dev.cleave.platform.spi.RemoteApiProvider.Resilience;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.Meter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.Timer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every call through a binding is timed by API, method, binding and outcome, whatever it answers or throws, and the
 * caller sees exactly what the implementation did; a remote binding shows its client's fault tolerance as well.
 */
class MeasuringEveryBindingTest {
    private final MeterRegistry registry = Metrics.createMeterRegistry(MetricsConfig.create());

    /** The API under measure. */
    public interface Lookup {
        String find(long id);
    }

    @Test
    void callsAreTimedByOutcomeAndFailuresReachTheCallerUnchanged() {
        IllegalStateException broken = new IllegalStateException("broken");
        Lookup implementation = id -> {
            if (id < 0) {
                throw broken;
            }
            return "found " + id;
        };
        MeteredBinding binding = MeteredBinding.inProcess(registry, Lookup.class, implementation, "directory", true);
        Lookup measured = (Lookup) binding.implementation();

        assertEquals("found 1", measured.find(1));
        assertEquals("found 2", measured.find(2));
        assertSame(broken, assertThrows(IllegalStateException.class, () -> measured.find(-1)));

        assertEquals(2, timer("ok").count());
        assertEquals(1, timer("error").count());
        assertEquals(Map.of("rpc.service", "Lookup", "rpc.method", "find", "cleave.binding", "in-process",
                            "cleave.peer", "directory", "outcome", "ok", "scope", "application"),
                     timerMeter("ok").id().tagsMap());
        MeteredBinding.Totals totals = binding.totals();
        assertEquals(3, totals.calls());
        assertEquals(1, totals.errors());
        assertEquals(3, totals.cumulative()[totals.cumulative().length - 1], "every call falls within the buckets");
    }

    @Test
    void theMeasuredObjectIsItselfAndNotTheImplementation() {
        Lookup implementation = id -> "x";
        Lookup measured = (Lookup) MeteredBinding.inProcess(registry, Lookup.class, implementation, "directory", true)
                .implementation();

        assertEquals(measured, measured);
        assertNotEquals(measured, implementation);
        assertEquals(System.identityHashCode(measured), measured.hashCode());
        assertEquals("measured Lookup -> in-process (directory)", measured.toString());
        assertEquals(0, registry.meters().size(), "Object's methods are not calls of the API");
    }

    @Test
    void withMetricsOffTheContextsGetTheImplementationItselfAndNothingIsMeasured() {
        Lookup implementation = id -> "found " + id;
        MeteredBinding binding = MeteredBinding.remote(registry, Lookup.class, implementation, "directory",
                                                       URI.create("http://127.0.0.1:8081"),
                                                       new FixedResilience("closed", 0, 0, 0), false);

        assertSame(implementation, binding.implementation(), "no proxy in the way of the call");
        assertEquals("found 1", ((Lookup) binding.implementation()).find(1));
        assertEquals(0, registry.meters().size(), "no timer and no resilience gauge");
        assertEquals(0, binding.totals().calls());
    }

    /** Not public: no context could call it from its own module either. */
    interface Hidden {
        String find(long id);
    }

    @Test
    void anApiThatIsNoPublicInterfaceIsRefusedAtTheStartRatherThanAtTheFirstCall() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MeteredBinding.inProcess(
                registry, Hidden.class, (Hidden) id -> "x", "directory", true));
        assertEquals(Hidden.class.getName() + " is bound as a required API, so it must be a public interface in a "
                     + "package its module exports", e.getMessage());
    }

    @Test
    void aRemoteBindingShowsItsClientsBreakerRetriesAndBulkhead() {
        FixedResilience client = new FixedResilience("open", 3, 2, 1);
        MeteredBinding binding = MeteredBinding.remote(registry, Lookup.class, (Lookup) id -> "x", "directory",
                                                       URI.create("http://127.0.0.1:8081"), client, true);

        assertEquals("remote (http://127.0.0.1:8081)", binding.describe());
        assertEquals(1, gauge("cleave.binding.breaker.state", "open"));
        assertEquals(0, gauge("cleave.binding.breaker.state", "closed"));
        assertEquals(2, gauge("cleave.binding.bulkhead.in_use", null));
        assertEquals(1, gauge("cleave.binding.bulkhead.queued", null));
        FunctionalCounter retries = (FunctionalCounter) registry.meters().stream()
                .filter(meter -> meter.id().name().equals("cleave.binding.retries")).findFirst().orElseThrow();
        assertEquals(3, retries.count());
        assertEquals("remote", binding.kind());
    }

    private Timer timer(String outcome) {
        return (Timer) timerMeter(outcome);
    }

    private Meter timerMeter(String outcome) {
        return registry.meters().stream()
                .filter(meter -> meter.id().name().equals(MeteredBinding.DURATION)
                                 && outcome.equals(meter.id().tagsMap().get("outcome")))
                .findFirst().orElseThrow();
    }

    private double gauge(String name, String state) {
        Gauge<?> gauge = (Gauge<?>) registry.meters().stream()
                .filter(meter -> meter.id().name().equals(name)
                                 && (state == null || state.equals(meter.id().tagsMap().get("state"))))
                .findFirst().orElseThrow();
        return gauge.value().doubleValue();
    }

    private record FixedResilience(String breakerState, long retries, long inFlight, long queued)
            implements Resilience {
    }
}
