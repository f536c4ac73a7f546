package dev.cleave.user.adapter.persistence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.cleave.platform.jdbc.ContextDatabase;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.user.domain.User;
import dev.cleave.user.domain.UserDetails;
import dev.cleave.user.wiring.UserContextProvider;
import io.helidon.config.Config;

/**
 * The user context's real database, an embedded H2 file in a directory of the test's own, migrated by Flyway
 * exactly as at startup, with the repository over it.
 */
final class UserDatabaseFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-02-01T10:00:00.123Z");
    static final Instant T1 = Instant.parse("2026-02-02T11:30:00.456Z");

    final ContextDatabase database;
    final JdbcUserRepository users;

    private UserDatabaseFixture(ContextDatabase database) {
        this.database = database;
        this.users = new JdbcUserRepository(database);
    }

    static UserDatabaseFixture open(Path dataDir) {
        UserContextProvider provider = new UserContextProvider();
        ContextSetup setup = ContextSetup.of(Config.empty(), dataDir, provider, Map.of());
        return new UserDatabaseFixture(ContextDatabase.open(setup, UserContextProvider.NAME, "users",
                                                            UserContextProvider.class));
    }

    static UserDetails details(String name, String email) {
        return UserDetails.of(name, email);
    }

    User insert(String name, String email) {
        return users.insert(details(name, email), T0);
    }

    @Override
    public void close() {
        database.close();
    }
}
