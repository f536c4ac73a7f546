package dev.cleave.platform.spi;

import java.util.UUID;

import dev.cleave.platform.api.Transactions;

/**
 * Where a consuming context records the events it applied, in the transaction that applies them, so each event has
 * its effect once however often it is delivered. Its {@link #inTransaction} lets a transport apply a batch of events
 * in one transaction, which each event's own work joins; its {@link #deadLetters()} keep the events the consumer gave
 * up on, and its {@link #catchUps()} which publishers' history it has read.
 *
 * <p>An inbox keeps each event id at least as long as any transport keeps past events for a catch-up (seven days
 * for RabbitMQ): a history read again must find every event it applied before.
 */
public interface Inbox extends Transactions {

    /**
     * The consuming context's name.
     *
     * @return the name
     */
    String consumer();

    /**
     * Applies an event unless this consumer applied it before, in one transaction with its record (joining one open
     * on this thread).
     *
     * @param eventId the event's id
     * @param effect  what applying it does
     * @return whether it was applied now
     */
    boolean applyOnce(UUID eventId, Runnable effect);

    /**
     * The events this consumer gave up on, kept beside its inbox in its own database.
     *
     * @return the consumer's dead letters
     */
    DeadLetters deadLetters();

    /**
     * Which publishers' event types this consumer has read the history of, kept beside its inbox in its own database.
     *
     * @return the consumer's catch-ups
     */
    CatchUps catchUps();
}
