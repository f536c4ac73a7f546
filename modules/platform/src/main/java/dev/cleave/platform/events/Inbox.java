package dev.cleave.platform.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.cleave.platform.jdbc.ContextDatabase;
import dev.cleave.platform.jdbc.SqlStates;

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
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbox (consumer, event_id, applied_at) VALUES (?, ?, ?)")) {
                insert.setString(1, consumer);
                insert.setString(2, eventId.toString());
                insert.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlStates.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
            effect.run();
            return true;
        });
    }
}
