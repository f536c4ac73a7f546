package dev.cleave.platform.spi;

import java.util.Collection;
import java.util.Set;

/**
 * Which publishers' event types a consuming context has read the kept history of, in its own database beside its
 * inbox. A transport that keeps its publishers' past events (RabbitMQ keeps them in a stream) reads that history once
 * for each type a consumer subscribes to, through the inbox, and records it here only when the whole history was
 * read; a catch-up cut short is therefore done again on the next start, and the inbox absorbs what it applied before.
 */
public interface CatchUps {

    /**
     * The event types of a publisher whose history this consumer has read.
     *
     * @param publisher the publishing context's name
     * @return the type names
     */
    Set<String> caughtUpOn(String publisher);

    /**
     * Records that this consumer has read the history of these types, in a transaction of its own (or the one open
     * on this thread). Recording a type again changes nothing.
     *
     * @param publisher the publishing context's name
     * @param types     the type names
     */
    void record(String publisher, Collection<String> types);

    /**
     * Forgets these types, so the history of each is read again if the consumer subscribes to it once more: the
     * events sent while it did not subscribe were never applied.
     *
     * @param publisher the publishing context's name
     * @param types     the type names
     */
    void forget(String publisher, Collection<String> types);
}
