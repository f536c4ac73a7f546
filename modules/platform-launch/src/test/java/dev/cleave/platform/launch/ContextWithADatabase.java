package dev.cleave.platform.launch;

import java.util.List;
import java.util.Set;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.EventSource;
import dev.cleave.platform.spi.RunningContext;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/**
 * A context for launcher tests that keeps data as the real ones do: its own database (embedded H2 in the data
 * directory, migrated with the platform's tables), its database's readiness check and an outbox the launcher relays.
 * The test reaches both after start, to publish an event or to cut the database off.
 */
final class ContextWithADatabase implements ContextProvider {
    private final String name;
    private volatile ContextDatabase database;
    private volatile Outbox outbox;

    ContextWithADatabase(String name) {
        this.name = name;
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
