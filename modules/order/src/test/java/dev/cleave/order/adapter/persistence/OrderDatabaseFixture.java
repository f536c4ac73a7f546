package dev.cleave.order.adapter.persistence;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.order.domain.OrderService;
import dev.cleave.order.wiring.OrderContextProvider;
import dev.cleave.platform.api.Caller;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.JdbcTransactions;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.testing.PostgresFixture;
import io.helidon.config.Config;

/**
 * The order context's real database, migrated by the context's own Flyway scripts exactly as at startup, a
 * repository over it and the use cases over that (with a user directory that knows nobody, so they cannot place
 * orders): an embedded H2 file in a directory of the test's own, or a throwaway PostgreSQL database the context
 * reaches as its own role.
 */
final class OrderDatabaseFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");
    /** The schema the order context owns. */
    static final String SCHEMA = "orders";
    /** The admin the stored orders come from, unless a test places them as a customer. */
    static final Caller ADMIN = Caller.admin("admin-1");
    static final Currency EUR = Currency.getInstance("EUR");
    /** The field names of v1, whose prices are cents. */
    static final NewOrder.PriceFields PRICE = new NewOrder.PriceFields("unitPriceCents", "unitPriceCents");

    final ContextDatabase database;
    final JdbcOrderRepository repository;
    final OrderService service;

    private OrderDatabaseFixture(Config config, Path dataDir) {
        database = ContextDatabase.open(config, dataDir, OrderContextProvider.NAME, SCHEMA, OrderContextProvider.class);
        repository = new JdbcOrderRepository(database, EUR);
        service = new OrderService(repository, userId -> Optional.empty(), JdbcTransactions.of(database),
                                   Outbox.create(database, OrderContextProvider.NAME), Clock.systemUTC());
    }

    /**
     * A throwaway PostgreSQL database provisioned as production is, for both contexts, so a test can also try to
     * cross from the user context's role into the order context's schema.
     */
    static PostgresFixture postgres() {
        return PostgresFixture.forContexts(Map.of(OrderContextProvider.NAME, SCHEMA, "user", "users"));
    }

    /** Opens the default database: an H2 file in the directory. */
    static OrderDatabaseFixture onH2(Path dataDir) {
        return new OrderDatabaseFixture(Config.empty(), dataDir);
    }

    /** Opens the PostgreSQL database as the order context's role, as {@code CLEAVE_ORDER_DB_*} would. */
    static OrderDatabaseFixture onPostgres(PostgresFixture postgres) {
        // With a URL configured the context never looks at its data directory.
        return new OrderDatabaseFixture(postgres.config(), Path.of("unused"));
    }

    static NewOrder order(long userId, String... skus) {
        return NewOrder.of(userId, Arrays.stream(skus)
                .map(sku -> new NewOrder.LineInput(sku, sku.length(), EUR, 100L + sku.length()))
                .toList(), PRICE);
    }

    /** Places {@code count} one-line orders for a user, a second apart, and returns them oldest first. */
    List<Order> place(long userId, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> repository.insert(order(userId, "sku-" + i), null, ADMIN.subject(), T0.plusSeconds(i)))
                .toList();
    }

    static List<Long> ids(List<Order> orders) {
        return orders.stream().map(Order::id).toList();
    }

    @Override
    public void close() {
        database.close();
    }
}
