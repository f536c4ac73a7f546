package dev.cleave.user.adapter.persistence;

import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractListingStoredUsersTest} on PostgreSQL: a throwaway database for the class, which the context
 * reaches as its own role; each test starts from an empty schema.
 */
class ListingStoredUsersOnPostgresTest extends AbstractListingStoredUsersTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = UserDatabaseFixture.postgres();

    @Override
    UserDatabaseFixture openEmpty() {
        return UserDatabaseFixture.onEmptyPostgres(POSTGRES);
    }
}
