package dev.cleave.platform.persistence.events;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.DataAccessException;
import dev.cleave.platform.persistence.SqlStates;
import dev.cleave.platform.spi.CatchUps;
import dev.cleave.platform.spi.DeadLetters;
import dev.cleave.platform.spi.Inbox;

/**
 * The events a context has applied, by id (table {@code inbox} in its schema), and the highest version of each
 * aggregate it applied, by publisher (table {@code aggregate_versions}). Recording an event, raising its aggregate's
 * version and applying it happen in one transaction, so each event has its effect at most once however often it is
 * delivered, and none if a newer event of its aggregate was applied first: every event is state-carrying (see
 * {@link Inbox}). Beside them, in the same schema, the consumer's dead letters (table {@code dead_letters}) and the
 * publishers' history it has read (table {@code catch_ups}).
 *
 * <p>The version row also orders concurrent work on one aggregate: a second transaction raising it waits for the
 * first to end, then compares with what that one committed. Two first events of one aggregate racing to insert the
 * row end the same way: on H2 and PostgreSQL the second {@code INSERT ... ON CONFLICT DO NOTHING} waits for the
 * first transaction, then inserts nothing and compares. Should the database refuse the second insert instead (a
 * unique violation, or a concurrent-update error), the transaction fails with a passing fault, which every
 * transport retries, uncounted.
 *
 * @param database the consuming context's database
 * @param consumer the consuming context's name
 */
public record JdbcInbox(ContextDatabase database, String consumer) implements Inbox {
    private static final System.Logger LOGGER = System.getLogger(JdbcInbox.class.getName());
    private static final Duration RETRY_AFTER_RACE = Duration.ofMillis(100);

    /**
     * The inbox of one consuming context.
     *
     * @param database the context's database
     * @param consumer the context's name
     * @return the inbox
     */
    public static Inbox of(ContextDatabase database, String consumer) {
        return new JdbcInbox(database, consumer);
    }

    @Override
    public boolean applyOnce(UUID eventId, String publisher, long aggregateId, long version, Runnable effect) {
        return database.inTransaction(connection -> {
            if (!recorded(connection, eventId)) {
                return false;
            }
            if (!raised(connection, publisher, aggregateId, version)) {
                // Not a failure: a newer event of the aggregate was applied, and it carries this one's effect.
                LOGGER.log(Level.DEBUG, () -> consumer + ": event " + eventId + " (version " + version + " of "
                                              + publisher + " aggregate " + aggregateId + ") is not newer than what"
                                              + " was applied; recorded without its effect");
                return false;
            }
            effect.run();
            return true;
        });
    }

    @Override
    public void afterCommit(Runnable action) {
        database.afterCommit(action);
    }

    // Whether the event is new to this consumer, recording it if so.
    private boolean recorded(Connection connection, UUID eventId) throws SQLException {
        // ON CONFLICT rather than a caught unique violation: on PostgreSQL an error aborts the whole
        // transaction, which may be a batch of events or the handler's own work.
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO inbox (consumer, event_id, applied_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId.toString());
            insert.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
            return insert.executeUpdate() == 1;
        }
    }

    // Whether the aggregate's stored version was raised to the event's (or stored, for its first event).
    private boolean raised(Connection connection, String publisher, long aggregateId, long version)
            throws SQLException {
        if (raise(connection, publisher, aggregateId, version)) {
            return true;
        }
        if (insertFirst(connection, publisher, aggregateId, version)) {
            return true;
        }
        // The row is there: it was not newer than this event when raise looked, or another transaction inserted it
        // since and committed, so compare again with what is committed now.
        return raise(connection, publisher, aggregateId, version);
    }

    private boolean raise(Connection connection, String publisher, long aggregateId, long version)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE aggregate_versions SET version = ? "
                + "WHERE consumer = ? AND publisher = ? AND aggregate_id = ? AND version < ?")) {
            update.setLong(1, version);
            update.setString(2, consumer);
            update.setString(3, publisher);
            update.setLong(4, aggregateId);
            update.setLong(5, version);
            return update.executeUpdate() == 1;
        }
    }

    private boolean insertFirst(Connection connection, String publisher, long aggregateId, long version)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO aggregate_versions (consumer, publisher, aggregate_id, version) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, publisher);
            insert.setLong(3, aggregateId);
            insert.setLong(4, version);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                // A first event of the same aggregate inserted the row at the same time: the transaction cannot go
                // on (PostgreSQL aborted it), and a retry finds the row and compares.
                throw new UnavailableException("Another event of the same aggregate was applied at the same time; "
                                               + "retry shortly.", RETRY_AFTER_RACE,
                                               new DataAccessException(consumer + " inbox: version race", e));
            }
            throw e;
        }
    }

    @Override
    public DeadLetters deadLetters() {
        return new JdbcDeadLetters(database, consumer);
    }

    @Override
    public CatchUps catchUps() {
        return new JdbcCatchUps(database, consumer);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return database.inTransaction(connection -> work.get());
    }
}
