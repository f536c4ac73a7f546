package dev.cleave.platform.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Stored replies of requests that carried an {@code Idempotency-Key}, in the context's own schema (table
 * {@code idempotency_keys}, created by the platform's migrations).
 */
public final class IdempotencyRecords {
    private final ContextDatabase database;

    /**
     * Creates the records of one context.
     *
     * @param database the context's database
     */
    public IdempotencyRecords(ContextDatabase database) {
        this.database = database;
    }

    /**
     * One stored reply.
     *
     * @param fingerprint what identifies the request that got it
     * @param status      its status
     * @param location    its {@code Location}, or {@code null}
     * @param etag        its {@code ETag}, or {@code null}
     * @param body        its body
     */
    public record Stored(String fingerprint, int status, String location, String etag, byte[] body) {
    }

    /**
     * The reply stored for a key, if any (committed ones only, unless called inside the current transaction).
     *
     * @param scope the method and path the key was used on
     * @param key   the key
     * @return the stored reply
     */
    public Optional<Stored> find(String scope, String key) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT fingerprint, status, location, etag, body FROM idempotency_keys "
                    + "WHERE scope = ? AND idempotency_key = ?")) {
                select.setString(1, scope);
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Stored(row.getString(1), row.getInt(2), row.getString(3),
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
    public boolean insert(String scope, String key, Stored stored, Instant now) {
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
