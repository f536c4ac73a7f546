package dev.cleave.platform.api;

import java.util.function.Supplier;

/**
 * The unit of work of a use case: everything inside commits together or not at all.
 */
public interface Transactions {

    /**
     * Runs work in one transaction, or inside the one already open on this thread.
     *
     * @param work the work
     * @param <T>  its result type
     * @return its result
     */
    <T> T inTransaction(Supplier<T> work);
}
