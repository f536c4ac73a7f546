package dev.cleave.platform.testing;

import java.util.function.Supplier;

import dev.cleave.platform.api.Transactions;

/**
 * The {@link Transactions} port for a test without a database: a transaction is just the work, run at once.
 */
public final class InlineTransactions implements Transactions {
    /**
     * Creates the port.
     */
    public InlineTransactions() {
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
