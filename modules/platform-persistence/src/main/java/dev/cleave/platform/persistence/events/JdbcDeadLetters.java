package dev.cleave.platform.persistence.events;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.DeadLetter;
import dev.cleave.platform.spi.DeadLetters;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.OutboxRecord;

/**
 * The events a consuming context gave up on (table {@code dead_letters} in its schema, created by the platform's
 * migrations), for either transport.
 *
 * @param database the consuming context's database
 * @param consumer the consuming context's name
 */
record JdbcDeadLetters(ContextDatabase database, String consumer) implements DeadLetters {
    private static final String COLUMNS = "consumer, event_id, publisher, event_type, aggregate_id, payload, "
                                          + "occurred_at, attempts, last_error, dead_at";

    @Override
    public void setAside(OutboxRecord record, int attempts, Throwable failure) {
        database.inTransaction(connection -> {
            // ON CONFLICT: the same event set aside twice (redelivered before its acknowledgement) is one letter.
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO dead_letters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                insert.setString(1, consumer);
                insert.setString(2, record.eventId().toString());
                insert.setString(3, record.publisher());
                insert.setString(4, record.type());
                insert.setLong(5, record.aggregateId());
                insert.setString(6, record.payload());
                insert.setObject(7, record.occurredAt().atOffset(ZoneOffset.UTC));
                insert.setInt(8, attempts);
                insert.setString(9, Faults.reason(failure));
                insert.setObject(10, Instant.now().atOffset(ZoneOffset.UTC));
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public List<DeadLetter> list() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM dead_letters WHERE consumer = ? ORDER BY dead_at, event_id")) {
                select.setString(1, consumer);
                try (ResultSet rows = select.executeQuery()) {
                    List<DeadLetter> letters = new ArrayList<>();
                    while (rows.next()) {
                        letters.add(letter(rows));
                    }
                    return letters;
                }
            }
        });
    }

    @Override
    public Optional<DeadLetter> find(UUID eventId) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM dead_letters WHERE consumer = ? AND event_id = ?")) {
                select.setString(1, consumer);
                select.setString(2, eventId.toString());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(letter(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean remove(UUID eventId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM dead_letters WHERE consumer = ? AND event_id = ?")) {
                delete.setString(1, consumer);
                delete.setString(2, eventId.toString());
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void failedAgain(UUID eventId, Throwable failure) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE dead_letters SET attempts = attempts + 1, last_error = ? "
                    + "WHERE consumer = ? AND event_id = ?")) {
                update.setString(1, Faults.reason(failure));
                update.setString(2, consumer);
                update.setString(3, eventId.toString());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public long count() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*) FROM dead_letters WHERE consumer = ?")) {
                select.setString(1, consumer);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
    }

    private static DeadLetter letter(ResultSet row) throws SQLException {
        return new DeadLetter(row.getString(1), UUID.fromString(row.getString(2)), row.getString(3), row.getString(4),
                              row.getLong(5), row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(),
                              row.getInt(8), row.getString(9), row.getObject(10, OffsetDateTime.class).toInstant());
    }
}
