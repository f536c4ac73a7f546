package dev.cleave.platform.persistence.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The test consumers' projection (table {@code thing_states}): each thing's state as the last applied event tells it,
 * written over whatever was there, as a handler of state-carrying events does.
 */
final class ThingStates {
    private ThingStates() {
    }

    static void replace(Connection connection, ThingHappened event) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM thing_states WHERE thing_id = ?")) {
            delete.setLong(1, event.thingId());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO thing_states (thing_id, version, event_id) VALUES (?, ?, ?)")) {
            insert.setLong(1, event.thingId());
            insert.setLong(2, event.version());
            insert.setString(3, event.eventId().toString());
            insert.executeUpdate();
        }
    }
}
