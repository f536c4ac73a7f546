package dev.cleave.order.adapter.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.cleave.order.wiring.OrderContextProvider;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.ADMIN;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.T0;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL the order context's tables are closed to the user context at the database itself, not only by the
 * module system: SQL run as the user context's role that crosses into the {@code orders} schema fails with SQLState
 * 42501 (insufficient privilege), while the order context's own role works there as usual.
 */
class ReachingIntoTheOrdersSchemaFromAnotherContextTest {
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String OTHER_CONTEXT = "user";

    @RegisterExtension
    static final PostgresFixture POSTGRES = OrderDatabaseFixture.postgres();

    @BeforeAll
    static void migrateAndPlaceAnOrder() {
        // The order context's real tables, migrated as at startup, with an order in them.
        try (OrderDatabaseFixture db = OrderDatabaseFixture.onPostgres(POSTGRES)) {
            db.repository.insert(order(7, "BOOK-1"), null, ADMIN.subject(), T0);
        }
    }

    @Test
    void theOrderContextsRoleReadsItsOwnTables() throws SQLException {
        try (Connection order = POSTGRES.connect(OrderContextProvider.NAME);
                Statement sql = order.createStatement();
                ResultSet rows = sql.executeQuery("SELECT o.user_id, i.sku FROM orders.orders o "
                                                  + "JOIN orders.order_items i ON i.order_id = o.id")) {
            assertTrue(rows.next());
            assertEquals(7, rows.getLong(1));
            assertEquals("BOOK-1", rows.getString(2));
        }
    }

    @Test
    void theUserContextsRoleCannotReadTheOrderTables() {
        SQLException e = refused("SELECT * FROM orders.orders");
        refused("SELECT * FROM orders.order_items");

        assertTrue(e.getMessage().contains("permission denied for schema orders"), e.getMessage());
    }

    @Test
    void theUserContextsRoleCannotChangeTheOrderTables() {
        refused("UPDATE orders.orders SET status = 'CANCELLED'");
        refused("DELETE FROM orders.order_items");
        refused("INSERT INTO orders.orders (user_id, total_cents, status, created_at, updated_at, version) "
                + "VALUES (1, 0, 'PLACED', now(), now(), 1)");
    }

    @Test
    void theUserContextsRoleCannotReadTheOrderContextsStoredReplies() {
        refused("SELECT * FROM orders.idempotency_keys");
    }

    @Test
    void theUserContextsRoleCannotAddOrDropTablesInTheOrdersSchema() {
        refused("CREATE TABLE orders.planted (id INT)");
        refused("DROP TABLE orders.order_items");
    }

    private static SQLException refused(String statement) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection user = POSTGRES.connect(OTHER_CONTEXT); Statement sql = user.createStatement()) {
                sql.execute(statement);
            }
        }, "the user context's role may not: " + statement);
        assertEquals(INSUFFICIENT_PRIVILEGE, e.getSQLState(), e.getMessage());
        return e;
    }
}
