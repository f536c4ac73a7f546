package dev.cleave.platform.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done on one connection, inside or outside a transaction.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlWork<T> {
    /**
     * Does the work.
     *
     * @param connection the connection to use; do not close it
     * @return the result
     * @throws SQLException if the database refuses
     */
    T run(Connection connection) throws SQLException;
}
