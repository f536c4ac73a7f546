package dev.cleave.user.adapter.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every case of the user context's persistence starts from: an empty user database, opened by the subclass
 * for the database it runs on (H2 or PostgreSQL), and closed after each test.
 */
abstract class UserDatabaseTest {
    UserDatabaseFixture db;

    /** Opens the user database, empty: each test starts from a new one. */
    abstract UserDatabaseFixture openEmpty();

    @BeforeEach
    void openDatabase() {
        db = openEmpty();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }
}
