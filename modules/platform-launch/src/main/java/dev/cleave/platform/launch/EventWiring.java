package dev.cleave.platform.launch;

import java.util.ArrayList;
import java.util.List;

import dev.cleave.platform.observe.AssemblyObservation;
import dev.cleave.platform.persistence.events.InProcessTransport;
import dev.cleave.platform.spi.EventSource;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.EventTransportProvider;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.spi.Subscription;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;

/**
 * Connects the running contexts' outboxes and subscriptions through the assembly's transport: the broker module's,
 * if one is on the module path, else in-process.
 */
final class EventWiring implements AutoCloseable {
    private final EventTransport transport;
    private final List<EventSource.Relay> relays;
    private final List<Subscription<?>> subscriptions;

    private EventWiring(EventTransport transport, List<EventSource.Relay> relays,
                        List<Subscription<?>> subscriptions) {
        this.transport = transport;
        this.relays = relays;
        this.subscriptions = List.copyOf(subscriptions);
    }

    // The transport and the subscriptions are counted (events published and applied) by the observation.
    static EventWiring start(Config config, List<RunningContext> running, List<EventTransportProvider> providers,
                             AssemblyObservation observation) {
        if (providers.size() > 1) {
            throw new IllegalStateException("more than one event transport on the module path: " + providers);
        }
        EventTransport transport = observation.meter(providers.isEmpty()
                ? new InProcessTransport()
                : providers.getFirst().create(config.get("cleave.events")));
        List<EventSource.Relay> relays = new ArrayList<>();
        List<Subscription<?>> subscriptions = new ArrayList<>();
        try {
            List<Subscription<?>> local = new ArrayList<>();
            running.forEach(context -> local.addAll(context.subscriptions()));
            subscriptions.addAll(observation.meter(local));
            transport.subscribe(subscriptions);
            for (RunningContext context : running) {
                for (EventSource outbox : context.outboxes()) {
                    relays.add(outbox.relayTo(transport));
                }
            }
        } catch (RuntimeException e) {
            // The transport may already run a connector thread; nothing may outlive a failed start.
            new EventWiring(transport, relays, subscriptions).close();
            throw e;
        }
        return new EventWiring(transport, relays, subscriptions);
    }

    /** The dead letters of this assembly's consumers, found through their subscriptions. */
    DeadLetterOffice deadLetters() {
        return DeadLetterOffice.of(subscriptions);
    }

    String describe() {
        return transport.describe();
    }

    List<HealthCheck> healthChecks() {
        List<HealthCheck> checks = new ArrayList<>(transport.healthChecks());
        relays.forEach(relay -> checks.add(relay.healthCheck()));
        return checks;
    }

    @Override
    public void close() {
        relays.forEach(EventSource.Relay::close);
        transport.close();
    }

    @Override
    public String toString() {
        return "events (" + transport.describe() + ")";
    }
}
