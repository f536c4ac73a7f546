package dev.cleave.user.adapter.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AbstractStoringUsersTest} on the default database: an embedded H2 file, a new one for each test.
 */
class StoringUsersOnH2Test extends AbstractStoringUsersTest {
    @TempDir
    Path dataDir;

    @Override
    UserDatabaseFixture openEmpty() {
        return reopen();
    }

    @Override
    UserDatabaseFixture reopen() {
        return UserDatabaseFixture.onH2(dataDir);
    }
}
