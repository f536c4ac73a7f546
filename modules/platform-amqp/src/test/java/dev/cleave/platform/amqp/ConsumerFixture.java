package dev.cleave.platform.amqp;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.events.JdbcInbox;
import dev.cleave.platform.spi.DeadLetter;
import dev.cleave.platform.spi.Subscription;
import io.helidon.config.Config;

/**
 * A consuming context of the tests: a real H2 database with the platform's inbox, and handlers that record each
 * effect in that database. {@link ParcelShipped} is handled; {@link ParcelLost} always fails, unless
 * {@linkplain #recording recorded} like any other type.
 */
final class ConsumerFixture implements AutoCloseable {
    static final String NAME = "testconsumer";
    /** A second consuming context, another service with a database of its own ({@code db-latecomer}). */
    static final String LATECOMER = "latecomer";

    final String name;
    final ContextDatabase database;
    private final Map<UUID, AtomicInteger> failures = new ConcurrentHashMap<>();

    ConsumerFixture(Path dataDir) {
        this(dataDir, NAME);
    }

    ConsumerFixture(Path dataDir, String name) {
        this.name = name;
        database = ContextDatabase.open(Config.empty(), dataDir, name, name, ConsumerFixture.class);
    }

    Subscription<ParcelShipped> shipped() {
        return recording(ParcelShipped.class);
    }

    /** A subscription to any type that records each event's effect, as {@link #shipped()} does. */
    <E extends DomainEvent> Subscription<E> recording(Class<E> type) {
        // The effect is a row written in the consumer's transaction (the handler's call joins it), as a real
        // handler's would be: a batch rolled back leaves no effect behind.
        return new Subscription<>(JdbcInbox.of(database, name), BrokerFixture.PUBLISHER, type,
                                  event -> database.inTransaction(connection -> {
                                      try (PreparedStatement insert = connection.prepareStatement(
                                              "INSERT INTO effect (event_id) VALUES (?)")) {
                                          insert.setString(1, event.eventId().toString());
                                          return insert.executeUpdate();
                                      }
                                  }));
    }

    /**
     * Records {@link ParcelShipped} as {@link #shipped()} does while {@code healthy} holds, and meets a passing fault
     * (its database unreachable, SQL state 08006) on every try otherwise, so whatever applies it waits and retries.
     */
    Subscription<ParcelShipped> shippedWhile(BooleanSupplier healthy) {
        Subscription<ParcelShipped> shipped = shipped();
        return new Subscription<>(shipped.inbox(), BrokerFixture.PUBLISHER, ParcelShipped.class, event -> {
            if (!healthy.getAsBoolean()) {
                database.inTransaction(connection -> {
                    throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                });
            }
            shipped.handler().accept(event);
        });
    }

    /** The event types from {@link BrokerFixture#PUBLISHER} whose history this consumer recorded as read. */
    Set<String> caughtUpOn() {
        return JdbcInbox.of(database, name).catchUps().caughtUpOn(BrokerFixture.PUBLISHER);
    }

    /**
     * Handles {@link ParcelShipped} as {@link #shipped()} does, after its database failed the first {@code faults}
     * tries of each event the way PostgreSQL fails a lost connection (SQL state 08006): a passing fault.
     */
    Subscription<ParcelShipped> shippedAfterPassingFaults(int faults) {
        Subscription<ParcelShipped> shipped = shipped();
        return new Subscription<>(shipped.inbox(), BrokerFixture.PUBLISHER, ParcelShipped.class, event -> {
            if (failures.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet() <= faults) {
                database.inTransaction(connection -> {
                    throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                });
            }
            shipped.handler().accept(event);
        });
    }

    /**
     * Projects {@link ParcelShipped} as naively as a state-carrying event allows: the parcel's state becomes what the
     * event tells, whatever was there, and the effect is noted. The events named in {@code failOnce} fail their first
     * try (poison, not passing).
     */
    Subscription<ParcelShipped> projected(Set<UUID> failOnce) {
        return new Subscription<>(JdbcInbox.of(database, NAME), BrokerFixture.PUBLISHER, ParcelShipped.class, event -> {
            if (failOnce.remove(event.eventId())) {
                failures.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
                throw new IllegalStateException("parcel " + event.aggregateId() + " v" + event.version()
                                                + " cannot be projected this time");
            }
            database.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM parcel_states WHERE parcel_id = ?")) {
                    delete.setLong(1, event.aggregateId());
                    delete.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO parcel_states (parcel_id, version, event_id) VALUES (?, ?, ?)")) {
                    insert.setLong(1, event.aggregateId());
                    insert.setLong(2, event.version());
                    insert.setString(3, event.eventId().toString());
                    insert.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO effect (event_id) VALUES (?)")) {
                    insert.setString(1, event.eventId().toString());
                    return insert.executeUpdate();
                }
            });
        });
    }

    /** The version of the parcel's state in the projection, or 0 if it has none. */
    long projectedVersion(long parcel) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT version FROM parcel_states WHERE parcel_id = ?")) {
                select.setLong(1, parcel);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getLong(1) : 0L;
                }
            }
        });
    }

    Subscription<ParcelLost> lost() {
        return new Subscription<>(JdbcInbox.of(database, name), BrokerFixture.PUBLISHER, ParcelLost.class, event -> {
            failures.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("the parcel cannot be found");
        });
    }

    /** How often the event had its effect. */
    int effects(DomainEvent event) {
        return count("SELECT COUNT(*) FROM effect WHERE event_id = ?", event.eventId().toString());
    }

    /** Events that had an effect at all. */
    int eventsWithEffect() {
        return count("SELECT COUNT(DISTINCT event_id) FROM effect");
    }

    /** The ids of the events applied, in the order they were applied. */
    List<UUID> applied() {
        return database.read(connection -> {
            List<UUID> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT event_id FROM effect ORDER BY seq");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(UUID.fromString(rows.getString(1)));
                }
            }
            return ids;
        });
    }

    /** How often handling the event was tried and failed. */
    int failures(DomainEvent event) {
        AtomicInteger count = failures.get(event.eventId());
        return count == null ? 0 : count.get();
    }

    /** The events this consumer set aside, in its own database. */
    long deadLetters() {
        return JdbcInbox.of(database, name).deadLetters().count();
    }

    /** The dead letter of an event, if it was set aside. */
    Optional<DeadLetter> deadLetter(DomainEvent event) {
        return deadLetter(event.eventId());
    }

    /** The dead letter of an event, by its id. */
    Optional<DeadLetter> deadLetter(UUID eventId) {
        return JdbcInbox.of(database, name).deadLetters().find(eventId);
    }

    /** Forgets every event applied, as the relay's purge does with inbox records 8 days old. */
    void purgeInbox() {
        database.inTransaction(connection -> connection.createStatement().executeUpdate("DELETE FROM inbox"));
    }

    /** The inbox rows of an event: one once applied. */
    int inboxRows(DomainEvent event) {
        return count("SELECT COUNT(*) FROM inbox WHERE consumer = ? AND event_id = ?", name,
                     event.eventId().toString());
    }

    private int count(String sql, String... parameters) {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setString(i + 1, parameters[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
