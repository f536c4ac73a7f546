package dev.cleave.user.adapter.persistence;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.JdbcTransactions;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.testing.PostgresFixture;
import dev.cleave.user.domain.User;
import dev.cleave.user.domain.UserDetails;
import dev.cleave.user.domain.UserService;
import dev.cleave.user.wiring.UserContextProvider;
import io.helidon.config.Config;

/**
 * The user context's real database, migrated by Flyway exactly as at startup, with the repository over it and the
 * use cases over that, wired as the context wires them: an embedded H2 file in a directory of the test's own, or a
 * throwaway PostgreSQL database the context reaches as its own role.
 */
final class UserDatabaseFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-02-01T10:00:00.123Z");
    static final Instant T1 = Instant.parse("2026-02-02T11:30:00.456Z");
    /** The schema the user context owns. */
    static final String SCHEMA = "users";
    /** The admin the stored users come from, unless a test registers as a customer. */
    static final Caller ADMIN = Caller.admin("admin-1");

    final ContextDatabase database;
    final JdbcUserRepository users;
    final UserService service;

    private UserDatabaseFixture(ContextDatabase database) {
        this.database = database;
        this.users = new JdbcUserRepository(database);
        this.service = new UserService(users, JdbcTransactions.of(database),
                                       Outbox.create(database, UserContextProvider.NAME), Clock.systemUTC());
    }

    /**
     * A throwaway PostgreSQL database provisioned as production is, for both contexts, so a test can also try to
     * cross from the order context's role into the user context's schema.
     */
    static PostgresFixture postgres() {
        return PostgresFixture.forContexts(Map.of(UserContextProvider.NAME, SCHEMA, "order", "orders"));
    }

    /** Opens the default database: an H2 file in the directory. */
    static UserDatabaseFixture onH2(Path dataDir) {
        return open(Config.empty(), dataDir);
    }

    /** Opens the PostgreSQL database as the user context's role, as {@code CLEAVE_USER_DB_*} would. */
    static UserDatabaseFixture onPostgres(PostgresFixture postgres) {
        // With a URL configured the context never looks at its data directory.
        return open(postgres.config(), Path.of("unused"));
    }

    /** Empties the user context's schema in the PostgreSQL database, then opens it as {@link #onPostgres} does. */
    static UserDatabaseFixture onEmptyPostgres(PostgresFixture postgres) {
        postgres.emptySchema(UserContextProvider.NAME);
        return onPostgres(postgres);
    }

    private static UserDatabaseFixture open(Config config, Path dataDir) {
        return new UserDatabaseFixture(ContextDatabase.open(config, dataDir, UserContextProvider.NAME, SCHEMA,
                                                            UserContextProvider.class));
    }

    static UserDetails details(String name, String email) {
        return UserDetails.of(name, email);
    }

    User insert(String name, String email) {
        return users.insert(details(name, email), null, ADMIN.subject(), T0);
    }

    /** Stores a user a customer registered, so it owns it. */
    User insertOwned(String name, String email, String owner) {
        return users.insert(details(name, email), owner, owner, T0);
    }

    @Override
    public void close() {
        database.close();
    }
}
