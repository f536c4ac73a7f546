package dev.cleave.platform.persistence;

import java.sql.SQLException;

/**
 * The database failed in a way no client caused (connection lost, disk full, a bug in SQL). Reported to clients as
 * a plain 500 without details; the cause goes to the server log.
 */
public final class DataAccessException extends RuntimeException {
    /**
     * Wraps a database failure.
     *
     * @param message what was being done
     * @param cause   the database's error
     */
    public DataAccessException(String message, SQLException cause) {
        super(message, cause);
    }
}
