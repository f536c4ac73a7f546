package dev.cleave.platform.persistence;

import java.sql.SQLException;

/**
 * Standard SQL states that mean something to a use case. H2 and PostgreSQL both report them.
 */
public final class SqlStates {
    private static final String UNIQUE_VIOLATION = "23505";

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
}
