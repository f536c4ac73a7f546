package dev.cleave.platform.persistence;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

/**
 * SQL states that mean something to a use case: standard ones, which H2 and PostgreSQL both report, and a lock
 * timeout, which each reports its own way.
 */
public final class SqlStates {
    private static final String UNIQUE_VIOLATION = "23505";
    // PostgreSQL's lock_not_available (lock_timeout ran out); H2 reports its lock timeout as HYT00.
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String H2_LOCK_TIMEOUT = "HYT00";

    // Faults a retry clears without anything being fixed: connection exceptions (08), serialization failure and
    // deadlock (40001, 40P01), a statement cancelled or timed out (57014), the server shutting down or not yet
    // accepting connections (57P01 to 57P04), insufficient resources (53: disk full, out of memory, too many
    // connections).
    private static final List<String> PASSING_PREFIXES = List.of("08", "40001", "40P01", "57014", "57P0", "53");

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

    /**
     * Whether a failure is passing: the database cannot answer now, or refused the work for a reason a retry
     * clears (see the SQL states above, and the driver's {@link SQLTransientException} and
     * {@link SQLRecoverableException}), anywhere in the chain of next exceptions and causes.
     *
     * @param e the error
     * @return {@code true} if retrying later may succeed without anything being fixed
     */
    public static boolean isPassing(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            for (Throwable cause = next; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
                if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                    return true;
                }
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && PASSING_PREFIXES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                    return true;
                }
            }
        }
        return false;
    }
}
