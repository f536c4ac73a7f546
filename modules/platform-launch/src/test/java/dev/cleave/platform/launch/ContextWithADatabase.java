package dev.cleave.platform.launch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.events.JdbcInbox;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.EventSource;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.spi.Subscription;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/**
 * A context for launcher tests that keeps data as the real ones do: its own database (embedded H2 in the data
 * directory, migrated with the platform's tables), its database's readiness check and an outbox the launcher relays.
 * The test reaches both after start, to publish an event or to cut the database off.
 */
final class ContextWithADatabase implements ContextProvider {
    private final String name;
    private final String publisher;
    private final AtomicBoolean refusing = new AtomicBoolean(true);
    private final AtomicInteger applied = new AtomicInteger();
    private volatile ContextDatabase database;
    private volatile Outbox outbox;

    ContextWithADatabase(String name) {
        this(name, null);
    }

    private ContextWithADatabase(String name, String publisher) {
        this.name = name;
        this.publisher = publisher;
    }

    /**
     * A context that also consumes another context's {@link SomethingHappened} events, and refuses to handle them
     * until {@link #fix()}: each one it is handed becomes a dead letter in its database.
     */
    static ContextWithADatabase refusingTheEventsOf(String name, String publisher) {
        return new ContextWithADatabase(name, publisher);
    }

    /** From now on its handler applies events. */
    void fix() {
        refusing.set(false);
    }

    /** How many events its handler applied. */
    int applied() {
        return applied.get();
    }

    ContextDatabase database() {
        return database;
    }

    Outbox outbox() {
        return outbox;
    }

    @Override
    public String name() {
        return name;
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
        database = ContextDatabase.open(setup, name, name, ContextWithADatabase.class);
        outbox = Outbox.create(database, name);
        return new RunningContext() {
            @Override
            public void routing(HttpRouting.Builder routing) {
            }

            @Override
            public List<HealthCheck> healthChecks() {
                return List.of(database.healthCheck());
            }

            @Override
            public List<EventSource> outboxes() {
                return List.of(outbox);
            }

            @Override
            public List<Subscription<?>> subscriptions() {
                if (publisher == null) {
                    return List.of();
                }
                return List.of(new Subscription<>(JdbcInbox.of(database, name), publisher, SomethingHappened.class,
                                                  event -> {
                                                      if (refusing.get()) {
                                                          throw new IllegalStateException("refusing thing "
                                                                                          + event.thingId());
                                                      }
                                                      applied.incrementAndGet();
                                                  }));
            }

            @Override
            public void close() {
                database.close();
            }
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
