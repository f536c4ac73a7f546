package dev.cleave.platform.events;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.cleave.platform.jdbc.ContextDatabase;

/**
 * The events a context has applied, by id (table {@code inbox} in its schema). Recording an event and applying it
 * happen in one transaction, so each event has its effect exactly once however often it is delivered.
 */
final class Inbox {
    private final ContextDatabase database;

    private Inbox(ContextDatabase database) {
        this.database = database;
    }

    static Inbox of(ContextDatabase database) {
        return new Inbox(database);
    }

    /**
     * Applies an event unless this consumer applied it before.
     *
     * @return whether it was applied now
     */
    boolean applyOnce(String consumer, UUID eventId, Runnable effect) {
        return database.inTransaction(connection -> {
            // ON CONFLICT rather than a caught unique violation: on PostgreSQL an error aborts the whole
            // transaction, which may be a batch of events or the handler's own work.
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbox (consumer, event_id, applied_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, consumer);
                insert.setString(2, eventId.toString());
                insert.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            effect.run();
            return true;
        });
    }
}
