package dev.cleave.user.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.Slice;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.SqlStates;
import dev.cleave.user.domain.User;
import dev.cleave.user.domain.UserDetails;
import dev.cleave.user.domain.UserRepository;

/**
 * Users in the {@code users} table. Email uniqueness is the table's unique constraint, so two racing
 * registrations cannot both win; updates compare (if asked to) and bump the version in one statement.
 */
public final class JdbcUserRepository implements UserRepository {
    private static final String COLUMNS = "id, name, email, owner, created_by, created_at, updated_at, version";

    private static final String OWNER_UNIQUE = "users_owner_unique";

    private final ContextDatabase database;

    /**
     * Creates the repository.
     *
     * @param database the user context's database
     */
    public JdbcUserRepository(ContextDatabase database) {
        this.database = database;
    }

    @Override
    public User insert(UserDetails details, String owner, String createdBy, Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (name, email, owner, created_by, created_at, updated_at, version)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 1)",
                    new String[] {"id"})) {
                insert.setString(1, details.name());
                insert.setString(2, details.email());
                insert.setString(3, owner);
                insert.setString(4, createdBy);
                insert.setObject(5, utc(now));
                insert.setObject(6, utc(now));
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new User(keys.getLong(1), details.name(), details.email(), owner, createdBy, now, now,
                                    1);
                }
            } catch (SQLException e) {
                throw emailTakenOr(e, details);
            }
        });
    }

    @Override
    public Optional<User> find(long id) {
        return database.read(connection -> findIn(connection, id));
    }

    @Override
    public Optional<User> update(long id, Long expectedVersion, UserDetails details, Instant now) {
        return database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE users SET name = ?, email = ?, updated_at = ?, version = version + 1 WHERE id = ?"
                    + (expectedVersion == null ? "" : " AND version = ?"))) {
                update.setString(1, details.name());
                update.setString(2, details.email());
                update.setObject(3, utc(now));
                update.setLong(4, id);
                if (expectedVersion != null) {
                    update.setLong(5, expectedVersion);
                }
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            } catch (SQLException e) {
                throw emailTakenOr(e, details);
            }
            // The row stays locked by the update until commit, so this reads the version this change made.
            return findIn(connection, id);
        });
    }

    @Override
    public OptionalLong delete(long id, Long expectedVersion) {
        return database.inTransaction(connection -> {
            // Locked from reading its version until it is gone, so the version reported is the one deleted.
            long version;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version FROM users WHERE id = ?" + (expectedVersion == null ? "" : " AND version = ?")
                    + " FOR UPDATE")) {
                select.setLong(1, id);
                if (expectedVersion != null) {
                    select.setLong(2, expectedVersion);
                }
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return OptionalLong.empty();
                    }
                    version = rows.getLong(1);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
                delete.setLong(1, id);
                delete.executeUpdate();
            }
            return OptionalLong.of(version);
        });
    }

    @Override
    public Slice<User> list(Long afterId, int limit) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM users WHERE id > ? ORDER BY id LIMIT ?")) {
                select.setLong(1, afterId == null ? 0 : afterId);
                select.setInt(2, limit + 1);
                List<User> users = new ArrayList<>(limit + 1);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        users.add(user(rows));
                    }
                }
                return Slice.of(users, limit);
            }
        });
    }

    private static Optional<User> findIn(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(user(rows)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet rows) throws SQLException {
        return new User(rows.getLong(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getObject(6, OffsetDateTime.class).toInstant(),
                        rows.getObject(7, OffsetDateTime.class).toInstant(),
                        rows.getLong(8));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static SQLException emailTakenOr(SQLException e, UserDetails details) {
        if (SqlStates.isUniqueViolation(e)) {
            // Both databases name the violated constraint in the message.
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains(OWNER_UNIQUE)) {
                throw new ConflictException("You already have a user record; read, replace or delete that one.");
            }
            throw new ConflictException("A user with email " + details.email() + " already exists.");
        }
        return e;
    }
}
