package dev.cleave.platform.observe;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;

/**
 * The events of an assembly, counted where they cross a boundary: {@code cleave.events.published} when the
 * transport has them for good (handled in-process, or confirmed by the broker), by publisher and type;
 * {@code cleave.events.applied} when a consumer's transaction that applied one commits, by consumer, publisher and
 * type (a duplicate the inbox absorbs is not counted, a rolled-back attempt neither). With a broker, per consuming
 * context: {@code cleave.events.consumer.lag} (messages waiting for it, at the broker and in its lanes) and
 * {@code cleave.events.redelivered} (messages the broker handed out again), from the broker check's figures.
 */
final class EventMeters {
    private static final String BROKER_CHECK = "event-broker";
    // The broker check asks the broker for its queues' counts: at most once this often, however many gauges read it.
    private static final Duration BROKER_FIGURES_FRESH = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    // By publisher and type; the topology view reads the same counters.
    private final Map<List<String>, Counter> published = new ConcurrentHashMap<>();
    private final Map<Subscription<?>, Counter> applied = new ConcurrentHashMap<>();

    EventMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The transport, counting what it delivers.
     *
     * @param transport the assembly's transport
     * @return the same transport, counted
     */
    EventTransport meter(EventTransport transport) {
        return new CountingTransport(transport);
    }

    /**
     * The subscriptions, each counting the events it applies once their transaction commits.
     *
     * @param subscriptions the contexts' subscriptions
     * @return the same subscriptions, counted
     */
    List<Subscription<?>> meter(List<Subscription<?>> subscriptions) {
        return subscriptions.stream().<Subscription<?>>map(this::counted).toList();
    }

    /**
     * The events a subscription applied so far.
     *
     * @param subscription one of the subscriptions {@link #meter(List)} returned
     * @return the count, 0 for one it did not return
     */
    long applied(Subscription<?> subscription) {
        Counter counter = applied.get(subscription);
        return counter == null ? 0 : counter.count();
    }

    /**
     * The events each publisher's outbox delivered so far, by type, for the topology view.
     *
     * @return by publisher, then type
     */
    Map<String, Map<String, Long>> published() {
        Map<String, Map<String, Long>> counts = new HashMap<>();
        published.forEach((publisherAndType, counter) -> counts
                .computeIfAbsent(publisherAndType.getFirst(), publisher -> new HashMap<>())
                .put(publisherAndType.getLast(), counter.count()));
        return counts;
    }

    /**
     * Registers the broker's figures per consuming context, if the assembly has a broker.
     *
     * @param checks        the assembly's health checks, the broker's among them if there is one
     * @param subscriptions the subscriptions, for the consuming contexts' names
     */
    void registerBrokerFigures(List<HealthCheck> checks, List<Subscription<?>> subscriptions) {
        HealthCheck broker = checks.stream().filter(check -> check.name().equals(BROKER_CHECK)).findFirst()
                .orElse(null);
        if (broker == null) {
            return;
        }
        FreshFigures figures = new FreshFigures(broker);
        Set<String> consumers = new LinkedHashSet<>();
        subscriptions.forEach(subscription -> consumers.add(subscription.consumer()));
        for (String consumer : consumers) {
            registry.getOrCreate(Gauge.builder("cleave.events.consumer.lag", figures,
                                               f -> f.figure("lag." + consumer, Double.NaN))
                                         .description("Events waiting for the consuming context.")
                                         .tags(Metrics.tags("cleave.consumer", consumer)));
            registry.getOrCreate(FunctionalCounter.builder("cleave.events.redelivered", figures,
                                                           f -> (long) f.figure("redelivered." + consumer, 0))
                                         .description("Messages the broker handed the consuming context again.")
                                         .tags(Metrics.tags("cleave.consumer", consumer)));
        }
    }

    private <E extends DomainEvent> Subscription<E> counted(Subscription<E> subscription) {
        Counter counter = registry.getOrCreate(
                Counter.builder("cleave.events.applied")
                        .description("Events a consuming context applied (committed).")
                        .tags(Metrics.tags("cleave.consumer", subscription.consumer(), "cleave.publisher",
                                           subscription.publisher(), "cleave.event.type",
                                           subscription.typeName())));
        Consumer<E> handler = subscription.handler();
        Subscription<E> counting = new Subscription<>(subscription.inbox(), subscription.publisher(),
                                                      subscription.type(), event -> {
            handler.accept(event);
            subscription.inbox().afterCommit(counter::increment);
        });
        applied.put(counting, counter);
        return counting;
    }

    private void countPublished(String publisher, List<OutboxRecord> records, Delivered delivered) {
        Set<Long> ids = Set.copyOf(delivered.delivered());
        for (OutboxRecord record : records) {
            if (ids.contains(record.id())) {
                published.computeIfAbsent(List.of(publisher, record.type()), key -> registry.getOrCreate(
                        Counter.builder("cleave.events.published")
                                .description("Events a context's outbox delivered to the transport.")
                                .tags(Metrics.tags("cleave.publisher", publisher, "cleave.event.type",
                                                   record.type()))))
                        .increment();
            }
        }
    }

    private final class CountingTransport implements EventTransport {
        private final EventTransport transport;

        CountingTransport(EventTransport transport) {
            this.transport = transport;
        }

        @Override
        public String describe() {
            return transport.describe();
        }

        @Override
        public void subscribe(List<Subscription<?>> subscriptions) {
            transport.subscribe(subscriptions);
        }

        @Override
        public Delivered deliver(String publisher, List<OutboxRecord> records) {
            Delivered delivered = transport.deliver(publisher, records);
            countPublished(publisher, records, delivered);
            return delivered;
        }

        @Override
        public List<HealthCheck> healthChecks() {
            return transport.healthChecks();
        }

        @Override
        public void close() {
            transport.close();
        }
    }

    /** The broker check's figures, asked for at most once a {@link #BROKER_FIGURES_FRESH}. */
    static final class FreshFigures {
        private final HealthCheck check;
        private HealthCheckResponse last;
        private long lastNanos;

        FreshFigures(HealthCheck check) {
            this.check = check;
        }

        // Before the broker check first counts (not connected yet), a gauge has no value; a counter starts at 0.
        synchronized double figure(String name, double unknown) {
            long now = System.nanoTime();
            if (last == null || now - lastNanos >= BROKER_FIGURES_FRESH.toNanos()) {
                last = check.call();
                lastNanos = now;
            }
            return last.details().get(name) instanceof Number number ? number.doubleValue() : unknown;
        }
    }
}
