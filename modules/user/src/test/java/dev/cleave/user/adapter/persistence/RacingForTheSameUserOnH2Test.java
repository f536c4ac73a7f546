package dev.cleave.user.adapter.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AbstractRacingForTheSameUserTest} on the default database: an embedded H2 file, a new one for each test.
 */
class RacingForTheSameUserOnH2Test extends AbstractRacingForTheSameUserTest {
    @TempDir
    Path dataDir;

    @Override
    UserDatabaseFixture openEmpty() {
        return UserDatabaseFixture.onH2(dataDir);
    }
}
