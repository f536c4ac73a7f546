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
 * Claimed keys and stored replies of requests that carried an {@code Idempotency-Key}, in the context's own schema
 * (table {@code idempotency_keys}, created by the platform's migrations).
 */
public final class IdempotencyRecords implements IdempotencyStore {
    private static final String POSTGRES = "PostgreSQL";
    // How long a claim waits for a concurrent request with the same key to commit or roll back: as long as H2's
    // default lock timeout, so both databases answer alike.
    private static final String CLAIM_WAIT = "2s";

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
     * The reply stored for a key, if any (committed ones only, unless called inside the current transaction). A key
     * claimed by the current transaction whose work has not finished has no reply yet.
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
                    + "WHERE scope = ? AND idempotency_key = ? AND status IS NOT NULL")) {
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
     * Claims a key in the current transaction with {@code INSERT … ON CONFLICT DO NOTHING}: one row inserted means
     * claimed, none means taken, and no statement fails for a key already taken. Both PostgreSQL and H2 make the
     * insert wait for a concurrent transaction holding the same uncommitted key: for PostgreSQL the wait is bounded
     * here with a transaction-local {@code lock_timeout}, for H2 by its own lock timeout. A wait that runs out is
     * {@link Claim#IN_FLIGHT}, and the caller rolls the transaction back.
     *
     * @param scope       the method and path
     * @param key         the key
     * @param fingerprint the request body's fingerprint
     * @param now         when
     * @return whether the transaction holds the key
     */
    @Override
    public Claim claim(String scope, String key, String fingerprint, Instant now) {
        return database.inTransaction(connection -> {
            boolean postgres = POSTGRES.equals(connection.getMetaData().getDatabaseProductName());
            String lockTimeout = postgres ? setLockTimeout(connection, CLAIM_WAIT) : null;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, created_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, scope);
                insert.setString(2, key);
                insert.setString(3, fingerprint);
                insert.setObject(4, now.atOffset(ZoneOffset.UTC));
                Claim claim = insert.executeUpdate() == 1 ? Claim.CLAIMED : Claim.TAKEN;
                if (postgres) {
                    setLockTimeout(connection, lockTimeout);
                }
                return claim;
            } catch (SQLException e) {
                if (SqlStates.isLockTimeout(e)) {
                    return Claim.IN_FLIGHT;
                }
                throw e;
            }
        });
    }

    /**
     * Writes the reply into the key this transaction claimed.
     *
     * @param scope  the method and path
     * @param key    the key
     * @param stored the reply
     */
    @Override
    public void complete(String scope, String key, StoredReply stored) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE idempotency_keys SET status = ?, location = ?, etag = ?, body = ? "
                    + "WHERE scope = ? AND idempotency_key = ? AND fingerprint = ? AND status IS NULL")) {
                update.setInt(1, stored.status());
                update.setString(2, stored.location());
                update.setString(3, stored.etag());
                update.setString(4, new String(stored.body(), StandardCharsets.UTF_8));
                update.setString(5, scope);
                update.setString(6, key);
                update.setString(7, stored.fingerprint());
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("no claim of this transaction for the key to complete");
                }
                return null;
            }
        });
    }

    // Sets PostgreSQL's lock timeout until the end of the transaction; returns the one it replaces.
    private static String setLockTimeout(Connection connection, String timeout) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement(
                "SELECT current_setting('lock_timeout'), set_config('lock_timeout', ?, true)")) {
            set.setString(1, timeout);
            try (ResultSet row = set.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
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
