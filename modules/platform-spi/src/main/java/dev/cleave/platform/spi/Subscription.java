package dev.cleave.platform.spi;

import java.util.Objects;
import java.util.function.Consumer;

import dev.cleave.platform.api.DomainEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * A context's wish to hear of another context's events of one type. The handler runs in the consumer's own
 * transaction, together with the inbox record of the event, so a redelivered event has no second effect.
 *
 * <p>Events may arrive in any order (two relays publishing at once, a retry after a failure, a redelivery), and the
 * handler never sees one older than what it applied: every event is state-carrying, so the inbox runs the handler
 * only for an event whose aggregate version is higher than the highest this consumer applied for that publisher's
 * aggregate, of whichever type (see {@link Inbox}). A handler may therefore write the state an event tells as the
 * current state, and an event author must keep each aggregate's versions rising.
 *
 * @param inbox     the consuming context's inbox, in its own database
 * @param publisher the publishing context's name
 * @param type      the event type
 * @param handler   what to do with one event
 * @param <E>       the event type
 */
public record Subscription<E extends DomainEvent>(Inbox inbox,
                                                  String publisher,
                                                  Class<E> type,
                                                  Consumer<E> handler) {
    /**
     * Checks every part is there.
     */
    public Subscription {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(publisher, "publisher");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
    }

    /**
     * The consuming context's name.
     *
     * @return the name
     */
    public String consumer() {
        return inbox.consumer();
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
     * Decodes and handles one event once: if the consumer's inbox already holds its id, or a newer event of its
     * aggregate was applied, nothing happens.
     *
     * @param record the delivered event
     * @return {@code true} if it was applied now, {@code false} if it had been applied before or was superseded
     * @throws IllegalArgumentException if the payload is no event of this type
     */
    public boolean handleOnce(OutboxRecord record) {
        return read(record).handleOnce();
    }

    /**
     * Decodes a delivered event without handling it yet, so a transport can set aside one that cannot be read
     * before it opens a transaction, and then handle it without decoding it again.
     *
     * @param record the delivered event
     * @return the event, ready to be handled
     * @throws IllegalArgumentException if the payload is no event of this type
     */
    public Received<E> read(OutboxRecord record) {
        return new Received<>(this, record, EventCodec.decode(record.payload(), type));
    }

    /**
     * Replays one of this subscription's dead letters through the inbox, in one transaction with removing it: if the
     * event was applied after all, or a newer event of its aggregate was applied meanwhile, it has no effect and the
     * dead letter is removed all the same. If handling it fails again, the dead letter stays, with one more attempt
     * and the new reason, and the failure is thrown.
     *
     * @param letter a dead letter of this subscription's consumer, publisher and type
     * @return {@code true} if it had its effect now, {@code false} if it had been applied before or was superseded
     * @throws IllegalArgumentException if the dead letter is not this subscription's
     */
    public boolean replay(DeadLetter letter) {
        if (!letter.consumer().equals(consumer()) || !letter.publisher().equals(publisher)
            || !letter.type().equals(typeName())) {
            throw new IllegalArgumentException("a dead letter of " + letter.consumer() + " for " + letter.type()
                                               + " from " + letter.publisher() + " is not this subscription's");
        }
        DeadLetters deadLetters = inbox.deadLetters();
        try {
            return inbox.inTransaction(() -> {
                boolean applied = read(letter.record()).handleOnce();
                deadLetters.remove(letter.eventId());
                return applied;
            });
        } catch (RuntimeException e) {
            try {
                deadLetters.failedAgain(letter.eventId(), e);
            } catch (RuntimeException recording) {
                e.addSuppressed(recording);
            }
            throw e;
        }
    }

    /**
     * A delivered event of a subscription, decoded.
     *
     * @param subscription the subscription it was delivered to
     * @param record       the event as delivered
     * @param event        the event decoded
     * @param <E>          the event type
     */
    public record Received<E extends DomainEvent>(Subscription<E> subscription, OutboxRecord record, E event) {
        /**
         * Handles the event once, in the consumer's transaction (joining one open on this thread), together with
         * its inbox record: if the inbox already holds its id, or a newer event of its aggregate was applied,
         * nothing happens.
         *
         * @return {@code true} if it was applied now, {@code false} if it had been applied before or was superseded
         */
        public boolean handleOnce() {
            Span span = EventSpans.process(subscription.consumer(), record);
            try (Scope ignored = span.makeCurrent()) {
                boolean applied = subscription.inbox().applyOnce(record.eventId(), subscription.publisher(),
                                                                 event.aggregateId(), event.version(),
                                                                 () -> subscription.handler().accept(event));
                span.setAttribute("cleave.event.applied", applied);
                return applied;
            } catch (RuntimeException e) {
                Tracing.failed(span, e);
                throw e;
            } finally {
                span.end();
            }
        }
    }
}
