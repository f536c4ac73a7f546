package dev.cleave.contract;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.testing.PostgresFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The order context's database on a throwaway PostgreSQL database, and what the context recorded there: its
 * outbox keeps every event it published for a day after delivery, so a test can count the effects an event had
 * (one {@code OrderCancelled} per cancelled order) rather than trust a version number.
 */
final class OrderOutbox {
    /** How long an event may take to have its effect: typically under 1 s in the monolith and 3 s split. */
    static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresFixture postgres;

    private OrderOutbox(PostgresFixture postgres) {
        this.postgres = postgres;
    }

    /** The outbox of an order context that runs on the fixture's database (see {@link #environment()}). */
    static OrderOutbox on(PostgresFixture postgres) {
        return new OrderOutbox(postgres);
    }

    /** What puts an assembly's order context on the fixture's database, as its own role. */
    Map<String, String> environment() {
        return Services.onPostgres(postgres, "order");
    }

    /**
     * What puts an assembly's order context on the fixture's database reached through another local port, e.g. a
     * {@link TcpProxy} in front of PostgreSQL that a test cuts.
     */
    Map<String, String> environment(int port) {
        Map<String, String> environment = new HashMap<>(environment());
        environment.put("CLEAVE_ORDER_DB_URL", postgres.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/"));
        return Map.copyOf(environment);
    }

    /** How many events of a type the order context published about one order. */
    long published(String type, long orderId) {
        return eventsOf(type, orderId).size();
    }

    /** The payload of the one event of a type the order context published about one order, as JSON. */
    JsonNode payload(String type, long orderId) {
        List<String> payloads = eventsOf(type, orderId);
        assertEquals(1, payloads.size(), () -> type + " events in the outbox for order " + orderId + ": " + payloads);
        try {
            return JSON.readTree(payloads.getFirst());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + payloads.getFirst(), e);
        }
    }

    private List<String> eventsOf(String type, long orderId) {
        try (Connection connection = postgres.connect("order");
             PreparedStatement select = connection.prepareStatement(
                     "SELECT payload FROM outbox WHERE event_type = ? AND aggregate_id = ? ORDER BY id")) {
            select.setString(1, type);
            select.setLong(2, orderId);
            List<String> payloads = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    payloads.add(rows.getString(1));
                }
            }
            return payloads;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the order outbox", e);
        }
    }

    /**
     * Waits until an order is cancelled because its user was deleted, and checks it was cancelled exactly once:
     * the order context published one {@code OrderCancelled} for it, so a second application of {@code UserDeleted}
     * that cancelled it again would fail here.
     *
     * @return the order as last read
     */
    JsonNode awaitCancelledOnceForDeletedUser(Api api, long orderId) {
        return awaitCancelledOnceForDeletedUser(api, orderId, WITHIN);
    }

    /** As {@link #awaitCancelledOnceForDeletedUser(Api, long)}, waiting up to {@code within} for the cancel. */
    JsonNode awaitCancelledOnceForDeletedUser(Api api, long orderId, Duration within) {
        Eventually.awaitEquals("order " + orderId + " to be cancelled", within, "CANCELLED",
                               () -> api.get("/v1/orders/" + orderId).json().get("status").asText());
        JsonNode seen = api.get("/v1/orders/" + orderId).json();
        assertEquals("USER_DELETED", seen.get("cancellationReason").asText(), seen::toString);
        assertEquals(1, published("OrderCancelled", orderId), () -> "order " + orderId + " cancelled once: " + seen);
        return seen;
    }
}
