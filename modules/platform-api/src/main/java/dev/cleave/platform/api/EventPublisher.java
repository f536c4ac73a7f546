package dev.cleave.platform.api;

/**
 * Publishes a context's events. Called inside the transaction that changes the state the event tells about: the
 * event is stored with the change (a transactional outbox), and delivered after it commits, never without it.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes an event with the current transaction.
     *
     * @param event the event
     */
    void publish(DomainEvent event);
}
