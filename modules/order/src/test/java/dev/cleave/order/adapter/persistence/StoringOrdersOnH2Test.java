package dev.cleave.order.adapter.persistence;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AbstractStoringOrdersTest} on the default database: an embedded H2 file, a new one for each test.
 */
class StoringOrdersOnH2Test extends AbstractStoringOrdersTest {
    @TempDir
    Path dataDir;

    @Override
    OrderDatabaseFixture openEmpty() {
        return OrderDatabaseFixture.onH2(dataDir);
    }
}
