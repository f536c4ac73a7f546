package dev.cleave.platform.persistence;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.spi.Faults;
import io.helidon.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database's failures sorted once, where SQL is spoken: a fault a retry clears becomes
 * {@link UnavailableException} (503 with Retry-After at the web edge; retried without limit by event consumers),
 * anything else stays a {@link DataAccessException} (500; poison for an event's handler).
 */
class TellingPassingDatabaseFaultsApartTest {
    @TempDir
    Path dataDir;

    @Test
    void aLostConnectionASerializationFailureADeadlockOrATimeoutIsPassing() {
        for (String state : new String[] {"08006", "08001", "40001", "40P01", "57014", "57P01", "53300"}) {
            assertTrue(SqlStates.isPassing(new SQLException("fault", state)), state);
        }
        assertTrue(SqlStates.isPassing(new SQLTransientConnectionException("no connection")));
        assertTrue(SqlStates.isPassing(new SQLRecoverableException("reconnect")));
        SQLException wrapped = new SQLException("batch failed", "XX000");
        wrapped.setNextException(new SQLException("terminating connection", "57P01"));
        assertTrue(SqlStates.isPassing(wrapped), "a passing fault behind another is found");
    }

    @Test
    void aBrokenRuleOrABugInSqlIsNotPassing() {
        for (String state : new String[] {"23505", "23502", "42601", "42501", "22001", "XX000"}) {
            assertFalse(SqlStates.isPassing(new SQLException("fault", state)), state);
        }
        assertFalse(SqlStates.isPassing(new SQLIntegrityConstraintViolationException("duplicate", "23505")));
        assertFalse(SqlStates.isPassing(new SQLException("no state")));
    }

    @Test
    void aPassingFaultInATransactionOrInWorkJoiningOneIsUnavailableAndAnyOtherADataAccessException() {
        try (ContextDatabase database = ContextDatabase.open(Config.empty(), dataDir, "ledger", "ledger",
                                                             TellingPassingDatabaseFaultsApartTest.class)) {
            UnavailableException alone = assertThrows(UnavailableException.class, () -> database.inTransaction(
                    connection -> {
                        throw new SQLTransactionRollbackException("could not serialize access", "40001");
                    }));
            assertInstanceOf(DataAccessException.class, alone.getCause(), "the database's failure is kept for the log");
            UnavailableException joined = assertThrows(UnavailableException.class, () -> database.inTransaction(
                    outer -> database.read(inner -> {
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    })));
            assertTrue(Faults.isPassing(joined));

            DataAccessException broken = assertThrows(DataAccessException.class, () -> database.inTransaction(
                    connection -> connection.createStatement().executeUpdate("INSERT INTO nowhere VALUES (1)")));
            assertFalse(Faults.isPassing(broken), "a bug in SQL is no reason to retry forever");
        }
    }
}
