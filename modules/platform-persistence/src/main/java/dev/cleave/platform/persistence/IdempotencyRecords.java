package dev.cleave.platform.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;

import dev.cleave.platform.spi.IdempotencyStore;

/**
 * Stored replies of requests that carried an {@code Idempotency-Key}, in the context's own schema (table
 * {@code idempotency_keys}, created by the platform's migrations).
 */
public final class IdempotencyRecords implements IdempotencyStore {
    private final ContextDatabase database;

    private IdempotencyRecords(ContextDatabase database) {
        this.database = database;
    }

    /**
     * The stored replies of one context.
     *
     * @param database the context's database
     * @return the store
     */
    public static IdempotencyStore of(ContextDatabase database) {
        return new IdempotencyRecords(database);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return database.inTransaction(connection -> work.get());
    }

    /**
     * The reply stored for a key, if any (committed ones only, unless called inside the current transaction).
     *
     * @param scope the method and path the key was used on
     * @param key   the key
     * @return the stored reply
     */
    @Override
    public Optional<StoredReply> find(String scope, String key) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT fingerprint, status, location, etag, body FROM idempotency_keys "
                    + "WHERE scope = ? AND idempotency_key = ?")) {
                select.setString(1, scope);
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new StoredReply(row.getString(1), row.getInt(2), row.getString(3),
                                                     row.getString(4),
                                                     row.getString(5).getBytes(StandardCharsets.UTF_8)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Stores a reply in the current transaction.
     *
     * @param scope  the method and path
     * @param key    the key
     * @param stored the reply
     * @param now    when
     * @return {@code false} if another request stored a reply for this key first
     */
    @Override
    public boolean insert(String scope, String key, StoredReply stored, Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, status, location, etag, body, "
                    + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setString(3, stored.fingerprint());
                insert.setInt(4, stored.status());
                insert.setString(5, stored.location());
                insert.setString(6, stored.etag());
                insert.setString(7, new String(stored.body(), StandardCharsets.UTF_8));
                insert.setObject(8, now.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (SqlStates.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /**
     * Forgets replies stored before a time.
     *
     * @param before the cut-off
     * @return how many were forgotten
     */
    @Override
    public int purge(Instant before) {
        return database.inTransaction(connection -> deleteOlder(connection, before));
    }

    private static int deleteOlder(Connection connection, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM idempotency_keys WHERE created_at < ?")) {
            delete.setObject(1, before.atOffset(ZoneOffset.UTC));
            return delete.executeUpdate();
        }
    }
}
