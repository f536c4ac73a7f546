package dev.cleave.order.adapter.persistence;

import dev.cleave.order.wiring.OrderContextProvider;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AbstractStoringOrdersTest} on PostgreSQL: a throwaway database for the class, which the context
 * reaches as its own role; each test starts from an empty schema.
 */
class StoringOrdersOnPostgresTest extends AbstractStoringOrdersTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = OrderDatabaseFixture.postgres();

    @Override
    OrderDatabaseFixture openEmpty() {
        POSTGRES.emptySchema(OrderContextProvider.NAME);
        return OrderDatabaseFixture.onPostgres(POSTGRES);
    }
}
