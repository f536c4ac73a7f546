package dev.cleave.platform.events;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.jdbc.ContextDatabase;

/**
 * A context's wish to hear of another context's events of one type. The handler runs in the consumer's own
 * transaction, together with the inbox record of the event, so a redelivered event has no second effect.
 *
 * @param consumer  the consuming context's name
 * @param database  the consuming context's database, where its inbox is
 * @param publisher the publishing context's name
 * @param type      the event type
 * @param handler   what to do with one event
 * @param <E>       the event type
 */
public record Subscription<E extends DomainEvent>(String consumer,
                                                  ContextDatabase database,
                                                  String publisher,
                                                  Class<E> type,
                                                  Consumer<E> handler) {
    /**
     * Checks every part is there.
     */
    public Subscription {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
    }

    /**
     * The event's type name, as stored in the outbox and used as routing key: its simple class name.
     *
     * @return the type name
     */
    public String typeName() {
        return type.getSimpleName();
    }

    /**
     * Decodes and handles one event once: if the consumer's inbox already holds its id, nothing happens.
     *
     * @param record the delivered event
     * @return {@code true} if it was applied now, {@code false} if it had been applied before
     */
    public boolean handleOnce(OutboxRecord record) {
        E event = EventCodec.decode(record.payload(), type);
        return Inbox.of(database).applyOnce(consumer, record.eventId(), () -> handler.accept(event));
    }

    /**
     * Decodes and handles several events of this type once each, in order, in one transaction of the consumer's
     * database (or in the caller's, if one is open on this thread): one commit for the lot instead of one each.
     * If any of them fails, none has an effect, and the failure is thrown.
     *
     * @param records the delivered events, all of this subscription's type
     * @return how many were applied now; the others had been applied before
     */
    public int handleAllOnce(List<OutboxRecord> records) {
        return database.inTransaction(connection -> {
            int applied = 0;
            for (OutboxRecord record : records) {
                if (handleOnce(record)) {
                    applied++;
                }
            }
            return applied;
        });
    }
}
