package dev.cleave.platform.persistence;

import java.util.function.Supplier;

import dev.cleave.platform.api.Transactions;

/**
 * A context's database as the {@link Transactions} port of its domain.
 */
public final class JdbcTransactions implements Transactions {
    private final ContextDatabase database;

    private JdbcTransactions(ContextDatabase database) {
        this.database = database;
    }

    /**
     * The transactions of one context's database.
     *
     * @param database the database
     * @return the port
     */
    public static Transactions of(ContextDatabase database) {
        return new JdbcTransactions(database);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return database.inTransaction(connection -> work.get());
    }
}
