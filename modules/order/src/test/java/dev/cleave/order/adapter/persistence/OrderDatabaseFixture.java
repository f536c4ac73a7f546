package dev.cleave.order.adapter.persistence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.order.wiring.OrderContextProvider;
import dev.cleave.platform.jdbc.ContextDatabase;
import dev.cleave.platform.spi.ContextSetup;
import io.helidon.config.Config;

/**
 * A fresh order database, an embedded H2 file in a temporary directory migrated by the context's own Flyway
 * scripts, and a repository over it.
 */
final class OrderDatabaseFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

    final ContextDatabase database;
    final JdbcOrderRepository repository;

    OrderDatabaseFixture(Path dataDir) {
        OrderContextProvider provider = new OrderContextProvider();
        database = ContextDatabase.open(ContextSetup.of(Config.empty(), dataDir, provider, Map.of()),
                                        OrderContextProvider.NAME, "orders", OrderContextProvider.class);
        repository = new JdbcOrderRepository(database);
    }

    static NewOrder order(long userId, String... skus) {
        return NewOrder.of(userId, Arrays.stream(skus)
                .map(sku -> new NewOrder.LineInput(sku, sku.length(), 100L + sku.length()))
                .toList());
    }

    /** Places {@code count} one-line orders for a user, a second apart, and returns them oldest first. */
    List<Order> place(long userId, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> repository.insert(order(userId, "sku-" + i), T0.plusSeconds(i)))
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
