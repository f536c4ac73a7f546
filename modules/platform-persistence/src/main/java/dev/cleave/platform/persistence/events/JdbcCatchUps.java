package dev.cleave.platform.persistence.events;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.CatchUps;

/**
 * The publishers' event types whose history a consuming context has read (table {@code catch_ups} in its schema,
 * created by the platform's migrations).
 *
 * @param database the consuming context's database
 * @param consumer the consuming context's name
 */
record JdbcCatchUps(ContextDatabase database, String consumer) implements CatchUps {

    @Override
    public Set<String> caughtUpOn(String publisher) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT event_type FROM catch_ups WHERE consumer = ? AND publisher = ?")) {
                select.setString(1, consumer);
                select.setString(2, publisher);
                try (ResultSet rows = select.executeQuery()) {
                    Set<String> types = new HashSet<>();
                    while (rows.next()) {
                        types.add(rows.getString(1));
                    }
                    return Set.copyOf(types);
                }
            }
        });
    }

    @Override
    public void record(String publisher, Collection<String> types) {
        database.inTransaction(connection -> {
            // ON CONFLICT: two replicas of one consumer may finish the same catch-up.
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO catch_ups (consumer, publisher, event_type, caught_up_at) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                for (String type : types) {
                    insert.setString(1, consumer);
                    insert.setString(2, publisher);
                    insert.setString(3, type);
                    insert.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void forget(String publisher, Collection<String> types) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM catch_ups WHERE consumer = ? AND publisher = ? AND event_type = ?")) {
                for (String type : types) {
                    delete.setString(1, consumer);
                    delete.setString(2, publisher);
                    delete.setString(3, type);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }
}
