package dev.cleave.user.adapter.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.cleave.platform.testing.PostgresFixture;
import dev.cleave.user.wiring.UserContextProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL the user context's tables are closed to the order context at the database itself, not only by the
 * module system: SQL run as the order context's role that crosses into the {@code users} schema fails with SQLState
 * 42501 (insufficient privilege), while the user context's own role works there as usual.
 */
class ReachingIntoTheUsersSchemaFromAnotherContextTest {
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String OTHER_CONTEXT = "order";

    @RegisterExtension
    static final PostgresFixture POSTGRES = UserDatabaseFixture.postgres();

    @BeforeAll
    static void migrateAndStoreAUser() {
        // The user context's real tables, migrated as at startup, with a row in them.
        try (UserDatabaseFixture db = UserDatabaseFixture.onPostgres(POSTGRES)) {
            db.insert("Ada", "ada@example.com");
        }
    }

    @Test
    void theUserContextsRoleReadsItsOwnTable() throws SQLException {
        try (Connection user = POSTGRES.connect(UserContextProvider.NAME);
                Statement sql = user.createStatement();
                ResultSet rows = sql.executeQuery("SELECT email FROM users.users")) {
            assertTrue(rows.next());
            assertEquals("ada@example.com", rows.getString(1));
        }
    }

    @Test
    void theOrderContextsRoleCannotReadTheUsersTable() {
        SQLException e = refused("SELECT * FROM users.users");

        assertTrue(e.getMessage().contains("permission denied for schema users"), e.getMessage());
    }

    @Test
    void theOrderContextsRoleCannotChangeTheUsersTable() {
        refused("UPDATE users.users SET name = 'Mallory'");
        refused("DELETE FROM users.users");
        refused("INSERT INTO users.users (name, email, created_at, updated_at, version) "
                + "VALUES ('Mallory', 'mallory@example.com', now(), now(), 1)");
    }

    @Test
    void theOrderContextsRoleCannotReadTheUserContextsStoredReplies() {
        refused("SELECT * FROM users.idempotency_keys");
    }

    @Test
    void theOrderContextsRoleCannotAddOrDropTablesInTheUsersSchema() {
        refused("CREATE TABLE users.planted (id INT)");
        refused("DROP TABLE users.users");
    }

    private static SQLException refused(String statement) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection order = POSTGRES.connect(OTHER_CONTEXT); Statement sql = order.createStatement()) {
                sql.execute(statement);
            }
        }, "the order context's role may not: " + statement);
        assertEquals(INSUFFICIENT_PRIVILEGE, e.getSQLState(), e.getMessage());
        return e;
    }
}
