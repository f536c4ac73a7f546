package dev.cleave.contract;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Waiting, with a deadline, for what an event brings about.
 */
final class Eventually {
    /** How long an event may take to have its effect: typically under 1 s in the monolith and 3 s split. */
    static final Duration WITHIN = Duration.ofSeconds(30);

    private Eventually() {
    }

    /**
     * Waits until an order is cancelled because its user was deleted, and checks it was cancelled exactly once.
     *
     * @return the order as last read
     */
    static JsonNode cancelledForDeletedUser(Api api, long orderId) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        JsonNode order = api.get("/v1/orders/" + orderId).json();
        while (!"CANCELLED".equals(order.get("status").asText()) && System.nanoTime() < deadline) {
            pause();
            order = api.get("/v1/orders/" + orderId).json();
        }
        JsonNode seen = order;
        assertEquals("CANCELLED", seen.get("status").asText(), () -> "not cancelled within " + WITHIN + ": " + seen);
        assertEquals("USER_DELETED", seen.get("cancellationReason").asText(), seen::toString);
        assertEquals(2, seen.get("version").asLong(), () -> "cancelled exactly once: " + seen);
        return seen;
    }

    static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
