package dev.cleave.order.wiring;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import dev.cleave.order.adapter.http.OrderHttpService;
import dev.cleave.order.adapter.http.OrdersV2;
import dev.cleave.order.adapter.persistence.JdbcOrderRepository;
import dev.cleave.order.api.OrderLookup;
import dev.cleave.order.domain.OrderService;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.IdempotencyRecords;
import dev.cleave.platform.persistence.JdbcTransactions;
import dev.cleave.platform.persistence.events.JdbcInbox;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.spi.ApiDocument;
import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.EventSource;
import dev.cleave.platform.spi.RunningContext;
import dev.cleave.platform.spi.Subscription;
import dev.cleave.platform.web.DeprecatedApi;
import dev.cleave.platform.web.Idempotency;
import dev.cleave.user.api.UserDeleted;
import dev.cleave.user.api.UserDirectory;
import io.helidon.health.HealthCheck;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpRouting;

/**
 * The order context as the launcher sees it: provides {@link OrderLookup}, requires {@link UserDirectory}.
 */
public final class OrderContextProvider implements ContextProvider {
    /** The context's name: its configuration key, database name and log name. */
    public static final String NAME = "order";

    /**
     * Called by {@link java.util.ServiceLoader}.
     */
    public OrderContextProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Class<?>> provides() {
        return Set.of(OrderLookup.class);
    }

    @Override
    public Set<Class<?>> requires() {
        return Set.of(UserDirectory.class);
    }

    // The HTTP API's contract, one document per major version, kept in this module's META-INF/openapi.
    @Override
    public List<ApiDocument> apiDocuments() {
        return List.of(ApiDocument.of(OrderContextProvider.class, "order-v1"),
                       ApiDocument.of(OrderContextProvider.class, "order-v2"));
    }

    @Override
    public RunningContext start(ContextSetup setup) {
        // Settings first: a typo in them should stop the start before any database is opened.
        OrderApiSettings api = OrderApiSettings.from(setup.config());
        ContextDatabase database = ContextDatabase.open(setup, NAME, "orders", OrderContextProvider.class);
        Outbox outbox = Outbox.create(database, NAME);
        // Orders from before currencies were recorded were all placed through v1, in its one currency.
        OrderService orders = new OrderService(new JdbcOrderRepository(database, api.v1().currency()),
                                               setup.require(UserDirectory.class),
                                               JdbcTransactions.of(database),
                                               outbox,
                                               Clock.systemUTC());
        Idempotency idempotency = Idempotency.create(IdempotencyRecords.of(database), Clock.systemUTC());
        return new Running(database, outbox, orders,
                           List.of(new OrderHttpService(orders, idempotency, api.v1()),
                                   new OrderHttpService(orders, idempotency, new OrdersV2())),
                           api.v1Deprecated(), DeletionSweep.start(orders));
    }

    private record Running(ContextDatabase database,
                           Outbox outbox,
                           OrderService orders,
                           List<OrderHttpService> versions,
                           DeprecatedApi v1Deprecated,
                           DeletionSweep sweep) implements RunningContext {
        @Override
        public List<EventSource> outboxes() {
            return List.of(outbox);
        }

        // A deleted user's placed orders are cancelled; the user context tells us through its UserDeleted event.
        @Override
        public List<Subscription<?>> subscriptions() {
            return List.of(new Subscription<>(JdbcInbox.of(database, NAME), "user", UserDeleted.class,
                                              deleted -> orders.cancelPlacedOrdersOfDeletedUser(deleted.userId(),
                                                                                                deleted.actor())));
        }

        @Override
        public void routing(HttpRouting.Builder routing) {
            versions.forEach(version -> routing.register(version.path(), version));
        }

        @Override
        public List<Filter> edgeFilters() {
            return List.of(v1Deprecated.filter());
        }

        @Override
        public List<Object> implementations() {
            return List.of(orders);
        }

        @Override
        public List<HealthCheck> healthChecks() {
            return List.of(database.healthCheck());
        }

        @Override
        public void close() {
            sweep.close();
            database.close();
        }
    }
}
