package dev.cleave.platform.persistence;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;

import dev.cleave.platform.spi.IdempotencyStore;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The throwaway database the persistence tests run on is provisioned as production is: each context's role owns
 * its context's schema and may touch nothing else; and it is gone afterwards, leaving nothing behind.
 */
class ProvisioningAThrowawayPostgresDatabaseTest {
    private static final Map<String, String> SCHEMAS = Map.of("user", "users", "order", "orders");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(SCHEMAS);

    @TempDir
    Path dataDir;

    @Test
    void eachContextMigratesItsOwnSchemaAsItsOwnRole() throws SQLException {
        POSTGRES.emptySchema("user");
        POSTGRES.emptySchema("order");
        try (ContextDatabase users = open("user", "users"); ContextDatabase orders = open("order", "orders")) {
            IdempotencyStore records = IdempotencyRecords.of(users);
            records.inTransaction(() -> {
                records.claim("POST /v1/users", "key-1", stored().fingerprint(), Instant.EPOCH);
                records.complete("POST /v1/users", "key-1", stored());
                return null;
            });

            assertEquals(Optional.of("201"), IdempotencyRecords.of(users).find("POST /v1/users", "key-1")
                    .map(stored -> String.valueOf(stored.status())));
            assertTrue(IdempotencyRecords.of(orders).find("POST /v1/users", "key-1").isEmpty(),
                       "the order context has a table of its own");
        }
        assertEquals(POSTGRES.role("user"), ownerOf("users", "idempotency_keys"));
        assertEquals(POSTGRES.role("order"), ownerOf("orders", "idempotency_keys"));
    }

    @Test
    void aContextsRoleCannotReadOrWriteAnotherContextsSchema() throws SQLException {
        POSTGRES.emptySchema("user");
        POSTGRES.emptySchema("order");
        open("user", "users").close();
        open("order", "orders").close();

        assertRefused("order", "SELECT * FROM users.idempotency_keys");
        assertRefused("order", "DELETE FROM users.idempotency_keys");
        assertRefused("order", "CREATE TABLE users.planted (id INT)");
        assertRefused("user", "SELECT * FROM orders.idempotency_keys");
        assertRefused("user", "CREATE TABLE orders.planted (id INT)");
    }

    @Test
    void aContextsRoleCannotUseThePublicSchemaMakeSchemasOrBecomeAnotherRole() {
        assertRefused("user", "CREATE TABLE public.shared (id INT)");
        assertRefused("user", "CREATE SCHEMA shared");
        assertRefused("user", "CREATE TEMPORARY TABLE scratch (id INT)");
        assertRefused("user", "SET ROLE " + POSTGRES.role("order"));
    }

    @Test
    void aContextsRoleFindsItsOwnSchemaWithoutNamingIt() throws SQLException {
        try (Connection connection = POSTGRES.connect("order");
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery("SELECT current_schema()")) {
            row.next();
            assertEquals("orders", row.getString(1));
        }
    }

    @Test
    void closingDropsTheDatabaseAndEveryRole() {
        PostgresFixture other = PostgresFixture.forContexts(SCHEMAS);
        other.create();
        String database = other.database();
        String userRole = other.role("user");
        String orderRole = other.role("order");
        assertTrue(POSTGRES.databaseExists(database));

        other.close();

        assertFalse(POSTGRES.databaseExists(database));
        assertFalse(POSTGRES.roleExists(userRole));
        assertFalse(POSTGRES.roleExists(orderRole));
    }

    @Test
    void closingDropsTheDatabaseEvenWithConnectionsStillOpen() throws SQLException {
        PostgresFixture other = PostgresFixture.forContexts(SCHEMAS);
        other.create();
        String database = other.database();
        try (Connection leaked = other.connect("user")) {
            other.close();

            assertFalse(POSTGRES.databaseExists(database));
            assertTrue(leaked.isClosed() || !leaked.isValid(1));
        }
    }

    @Test
    void aNewFixtureDropsLeftoversOlderThanSixHoursAndNoOthers() throws SQLException {
        String old = PostgresFixture.PREFIX + "20000101_000000_0ddba11";
        // An hour old: young enough to be another run's, and swept like any leftover should this test die.
        String recent = PostgresFixture.PREFIX + DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss")
                .format(LocalDateTime.now(ZoneOffset.UTC).minusHours(1)) + "_5ca1ab1e";
        try (Connection server = POSTGRES.connectAsSuperuser(); Statement sql = server.createStatement()) {
            sql.execute("CREATE DATABASE " + old);
            sql.execute("CREATE ROLE " + old + "_user");
            sql.execute("CREATE DATABASE " + recent);
        }
        try (PostgresFixture next = PostgresFixture.forContexts(SCHEMAS)) {
            next.create();

            assertFalse(POSTGRES.databaseExists(old));
            assertFalse(POSTGRES.roleExists(old + "_user"));
            assertTrue(POSTGRES.databaseExists(recent), "a younger one may belong to a run still going");
        } finally {
            try (Connection server = POSTGRES.connectAsSuperuser(); Statement sql = server.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + recent);
                sql.execute("DROP DATABASE IF EXISTS " + old);
                sql.execute("DROP ROLE IF EXISTS " + old + "_user");
            }
        }
    }

    @Test
    void onlyNamesAFixtureMadeCountAsLeftovers() {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        Instant cutOff = now.minus(Duration.ofHours(6));

        assertTrue(PostgresFixture.madeBefore("cleave_test_20260301_055959_0a1b2c3d", cutOff));
        assertTrue(PostgresFixture.madeBefore("cleave_test_20260301_055959_0a1b2c3d_order", cutOff));
        assertFalse(PostgresFixture.madeBefore("cleave_test_20260301_060001_0a1b2c3d", cutOff));
        assertFalse(PostgresFixture.madeBefore("cleave_test_20260230_000000_0a1b2c3d", cutOff), "no such date");
        assertFalse(PostgresFixture.madeBefore("cleave_users", cutOff));
        assertFalse(PostgresFixture.madeBefore("test", cutOff));
    }

    @Test
    void withoutPostgresTheTestsFailAndSayWhatToDo() {
        PostgresFixture unreachable = PostgresFixture.forContexts("jdbc:postgresql://127.0.0.1:1/postgres",
                                                                  "postgres", null, SCHEMAS);

        IllegalStateException e = assertThrows(IllegalStateException.class, unreachable::create);

        assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
        assertTrue(e.getMessage().contains("CLEAVE_TEST_POSTGRES_URL"), e.getMessage());
    }

    private ContextDatabase open(String context, String schema) {
        // No migrations of a context here (there is no db-user folder in the platform), only the platform's own.
        return ContextDatabase.open(POSTGRES.config(), dataDir, context, schema, ContextDatabase.class);
    }

    private static IdempotencyStore.StoredReply stored() {
        return new IdempotencyStore.StoredReply("fingerprint", 201, "/v1/users/1", "\"1\"", "{}".getBytes());
    }

    private static String ownerOf(String schema, String table) throws SQLException {
        try (Connection server = POSTGRES.connectAsSuperuser(POSTGRES.database());
                Statement sql = server.createStatement();
                ResultSet row = sql.executeQuery("SELECT tableowner FROM pg_tables WHERE schemaname = '" + schema
                                                 + "' AND tablename = '" + table + "'")) {
            assertTrue(row.next(), schema + "." + table + " exists");
            return row.getString(1);
        }
    }

    private static void assertRefused(String context, String statement) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection connection = POSTGRES.connect(context); Statement sql = connection.createStatement()) {
                sql.execute(statement);
            }
        }, context + " may not: " + statement);
        assertEquals(INSUFFICIENT_PRIVILEGE, e.getSQLState(), e.getMessage());
    }
}
