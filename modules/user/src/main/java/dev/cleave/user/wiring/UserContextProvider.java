package dev.cleave.user.wiring;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.IdempotencyRecords;
import dev.cleave.platform.persistence.JdbcTransactions;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.spi.ApiDocument;
import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.EventSource;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.web.Idempotency;
import dev.cleave.user.adapter.http.UserHttpService;
import dev.cleave.user.adapter.persistence.JdbcUserRepository;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.domain.UserService;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.HttpRouting;

/**
 * The user context as the launcher sees it: provides {@link UserDirectory}, requires nothing.
 */
public final class UserContextProvider implements ContextProvider {
    /** The context's name: its configuration key, database name and log name. */
    public static final String NAME = "user";

    /**
     * Called by {@link java.util.ServiceLoader}.
     */
    public UserContextProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(UserDirectory.class);
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of();
    }

    // The HTTP API's contract, one document per major version, kept in this module's META-INF/openapi.
    @Override
    public List<ApiDocument> apiDocuments() {
        return List.of(ApiDocument.of(UserContextProvider.class, "user-v1"));
    }

    @Override
    public RunningContext start(ContextSetup setup) {
        ContextDatabase database = ContextDatabase.open(setup, NAME, "users", UserContextProvider.class);
        Outbox outbox = Outbox.create(database, NAME);
        UserService users = new UserService(new JdbcUserRepository(database), JdbcTransactions.of(database), outbox,
                                            Clock.systemUTC());
        Idempotency idempotency = Idempotency.create(IdempotencyRecords.of(database), Clock.systemUTC());
        return new Running(database, outbox, users, new UserHttpService(users, idempotency));
    }

    private record Running(ContextDatabase database, Outbox outbox, UserService users, UserHttpService http)
            implements RunningContext {
        @Override
        public List<EventSource> outboxes() {
            return List.of(outbox);
        }

        @Override
        public void routing(HttpRouting.Builder routing) {
            routing.register(UserHttpService.PATH, http);
        }

        @Override
        public List<Object> implementations() {
            return List.of(users);
        }

        @Override
        public List<HealthCheck> healthChecks() {
            return List.of(database.healthCheck());
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
