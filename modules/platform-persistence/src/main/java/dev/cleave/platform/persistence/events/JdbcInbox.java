package dev.cleave.platform.persistence.events;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.CatchUps;
import dev.cleave.platform.spi.DeadLetters;
import dev.cleave.platform.spi.Inbox;

/**
 * The events a context has applied, by id (table {@code inbox} in its schema). Recording an event and applying it
 * happen in one transaction, so each event has its effect exactly once however often it is delivered. Beside it, in
 * the same schema, the consumer's dead letters (table {@code dead_letters}) and the publishers' history it has read
 * (table {@code catch_ups}).
 *
 * <p>Nothing removes the rows of {@code inbox}: each id must outlive the transport's kept history (seven days for
 * RabbitMQ), so that reading that history again applies nothing twice. Pruning, if ever added, keeps at least that.
 *
 * @param database the consuming context's database
 * @param consumer the consuming context's name
 */
public record JdbcInbox(ContextDatabase database, String consumer) implements Inbox {

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
    public boolean applyOnce(UUID eventId, Runnable effect) {
        return database.inTransaction(connection -> {
            // ON CONFLICT rather than a caught unique violation: on PostgreSQL an error aborts the whole
            // transaction, which may be a batch of events or the handler's own work.
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO inbox (consumer, event_id, applied_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, consumer);
                insert.setString(2, eventId.toString());
                insert.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
                if (insert.executeUpdate() == 0) {
                    return false;
                }
            }
            effect.run();
            return true;
        });
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
