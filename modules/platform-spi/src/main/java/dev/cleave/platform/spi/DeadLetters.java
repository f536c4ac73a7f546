package dev.cleave.platform.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A consuming context's dead letters, in its own database beside its inbox: the events it gave up on, whichever the
 * transport. Setting one aside counts the event as handled for this consumer (the transport acknowledges it, or marks
 * the outbox row delivered), so it holds back nothing; an operator lists them and replays them through the inbox.
 */
public interface DeadLetters {

    /**
     * Sets an event aside, in a transaction of its own (or the one open on this thread). Setting aside one that is
     * already set aside changes nothing.
     *
     * @param record   the event as delivered
     * @param attempts how often handling it failed
     * @param failure  the last failure; only its one-line {@linkplain Faults#reason reason} is kept
     */
    void setAside(OutboxRecord record, int attempts, Throwable failure);

    /**
     * Every dead letter of this consumer, oldest first.
     *
     * @return the dead letters
     */
    List<DeadLetter> list();

    /**
     * One dead letter.
     *
     * @param eventId the event's id
     * @return the dead letter, if this consumer set that event aside
     */
    Optional<DeadLetter> find(UUID eventId);

    /**
     * Removes a dead letter, in the transaction open on this thread if there is one (a replay that applied it).
     *
     * @param eventId the event's id
     * @return whether there was one
     */
    boolean remove(UUID eventId);

    /**
     * Records that a replay failed again: one more attempt, and the new reason.
     *
     * @param eventId the event's id
     * @param failure the failure
     */
    void failedAgain(UUID eventId, Throwable failure);

    /**
     * How many dead letters there are.
     *
     * @return the count
     */
    long count();
}
