package dev.cleave.user.adapter.persistence;

import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractStoringUsersTest} on PostgreSQL: a throwaway database for the class, which the context
 * reaches as its own role; each test starts from an empty schema.
 */
class StoringUsersOnPostgresTest extends AbstractStoringUsersTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = UserDatabaseFixture.postgres();

    @Override
    UserDatabaseFixture openEmpty() {
        return UserDatabaseFixture.onEmptyPostgres(POSTGRES);
    }

    @Override
    UserDatabaseFixture reopen() {
        return UserDatabaseFixture.onPostgres(POSTGRES);
    }
}
