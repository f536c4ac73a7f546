package dev.cleave.platform.spi;

import java.util.UUID;

import dev.cleave.platform.api.Transactions;

/**
 * Where a consuming context records the events it applied, in the transaction that applies them, so each event has
 * its effect once however often it is delivered, and never after a newer event of the same aggregate. Its
 * {@link #inTransaction} lets a transport apply a batch of events in one transaction, which each event's own work
 * joins; its {@link #deadLetters()} keep the events the consumer gave up on, and its {@link #catchUps()} which
 * publishers' history it has read.
 *
 * <p><b>Every event is state-carrying.</b> An event tells its aggregate's state after it happened, and its
 * {@linkplain dev.cleave.platform.api.DomainEvent#version() version} rises with each change of that aggregate, so
 * the newest event a consumer applied already holds the effect of every older one. The inbox therefore keeps, per
 * publisher and aggregate, the highest version this consumer applied, and an event whose version is not higher
 * (one that arrives after a newer one, or a redelivery) is recorded as seen without its effect. Hence the rule for
 * event authors: the versions of one publisher's aggregate rise with every event it publishes about it, and a
 * publisher's aggregate ids name one aggregate each, whatever its events' types. An event that tells only a
 * change (a delta that needs every earlier one applied first) does not fit this rule and would need another
 * design.
 *
 * <p>An inbox keeps each event id longer than any transport reads past events back for a catch-up (seven days for
 * RabbitMQ): a history read again must find every event it applied before.
 */
public interface Inbox extends Transactions {

    /**
     * The consuming context's name.
     *
     * @return the name
     */
    String consumer();

    /**
     * Applies an event unless this consumer applied it before, or applied an event of the same aggregate with this
     * version or a higher one, in one transaction with its record (joining one open on this thread). An event that
     * is not newer is recorded all the same, so it is not tried again, and its effect does not run: that is no
     * failure.
     *
     * @param eventId     the event's id
     * @param publisher   the publishing context, whose aggregate ids are its own
     * @param aggregateId the aggregate the event happened to
     * @param version     the aggregate's version after the event
     * @param effect      what applying it does
     * @return whether its effect ran now: {@code false} if it was applied before or a newer event superseded it
     */
    boolean applyOnce(UUID eventId, String publisher, long aggregateId, long version, Runnable effect);

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

    /**
     * Runs {@code action} once the outermost transaction open on this thread in the consumer's database commits, or
     * at once if none is open; never if it rolls back. So what counts applied events counts only those that stay.
     *
     * @param action what to run; it should be quick and not throw
     */
    void afterCommit(Runnable action);
}
