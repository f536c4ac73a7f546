package dev.cleave.platform.persistence;

import java.sql.SQLException;

/**
 * SQL states that mean something to a use case: standard ones, which H2 and PostgreSQL both report, and a lock
 * timeout, which each reports its own way.
 */
public final class SqlStates {
    private static final String UNIQUE_VIOLATION = "23505";
    // PostgreSQL's lock_not_available (lock_timeout ran out); H2 reports its lock timeout as HYT00.
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String H2_LOCK_TIMEOUT = "HYT00";

    private SqlStates() {
    }

    /**
     * Whether the database refused a row because a unique constraint already holds its value.
     *
     * @param e the error
     * @return {@code true} for a unique violation
     */
    public static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the database gave up waiting for a lock another transaction holds.
     *
     * @param e the error
     * @return {@code true} for a lock timeout
     */
    public static boolean isLockTimeout(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (LOCK_NOT_AVAILABLE.equals(next.getSQLState()) || H2_LOCK_TIMEOUT.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
