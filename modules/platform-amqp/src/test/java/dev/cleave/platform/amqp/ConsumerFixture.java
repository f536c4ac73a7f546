package dev.cleave.platform.amqp;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.events.Subscription;
import dev.cleave.platform.jdbc.ContextDatabase;
import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.RunningContext;
import io.helidon.config.Config;

/**
 * A consuming context of the tests: a real H2 database with the platform's inbox, and handlers that count how often
 * each event had an effect. {@link ParcelShipped} is handled; {@link ParcelLost} always fails.
 */
final class ConsumerFixture implements AutoCloseable {
    static final String NAME = "testconsumer";

    final ContextDatabase database;
    private final Map<UUID, AtomicInteger> effects = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Queue<UUID> applied = new ConcurrentLinkedQueue<>();

    ConsumerFixture(Path dataDir) {
        database = ContextDatabase.open(ContextSetup.of(Config.empty(), dataDir, new Context(), Map.of()),
                                        NAME, NAME, ConsumerFixture.class);
    }

    Subscription<ParcelShipped> shipped() {
        return new Subscription<>(NAME, database, BrokerFixture.PUBLISHER, ParcelShipped.class,
                                  event -> {
                                      effects.computeIfAbsent(event.eventId(), id -> new AtomicInteger())
                                              .incrementAndGet();
                                      applied.add(event.eventId());
                                  });
    }

    Subscription<ParcelLost> lost() {
        return new Subscription<>(NAME, database, BrokerFixture.PUBLISHER, ParcelLost.class, event -> {
            failures.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("the parcel cannot be found");
        });
    }

    /** How often the event had its effect. */
    int effects(DomainEvent event) {
        AtomicInteger count = effects.get(event.eventId());
        return count == null ? 0 : count.get();
    }

    /** Events that had an effect at all. */
    int eventsWithEffect() {
        return effects.size();
    }

    /** The ids of the events applied, in the order they were applied. */
    List<UUID> applied() {
        return List.copyOf(applied);
    }

    /** How often handling the event was tried and failed. */
    int failures(DomainEvent event) {
        AtomicInteger count = failures.get(event.eventId());
        return count == null ? 0 : count.get();
    }

    /** The inbox rows of an event: one once applied. */
    int inboxRows(DomainEvent event) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM inbox WHERE consumer = ? AND event_id = ?")) {
                select.setString(1, NAME);
                select.setString(2, event.eventId().toString());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }

    /** Only its name matters: the database is opened for it. */
    private static final class Context implements ContextProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Set<Class<?>> provides() {
            return Set.of();
        }

        @Override
        public Set<Class<?>> requires() {
            return Set.of();
        }

        @Override
        public RunningContext start(ContextSetup setup) {
            throw new UnsupportedOperationException("a stand-in context");
        }
    }
}
