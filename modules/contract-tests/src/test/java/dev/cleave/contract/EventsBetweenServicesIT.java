package dev.cleave.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events between the split services survive what production does to them: a broker that goes away, an order
 * service that is down, a broker rebuilt while it is down, an order service killed while events are in flight. In
 * every case each placed order of a deleted user ends up cancelled exactly once (reason {@code USER_DELETED}, one
 * {@code OrderCancelled} in the order context's outbox): effects are counted, not deliveries. Each case gets its
 * own services and databases (the user ids of a fresh user database start at 1 again).
 */
class EventsBetweenServicesIT {
    @TempDir
    Path dataDir;
    private PostgresFixture postgres;
    private OrderOutbox outbox;
    private TcpProxy brokerLink;
    private SplitServices services;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        postgres = PostgresFixture.forContexts(Map.of("order", "orders"));
        postgres.create();
        outbox = OrderOutbox.on(postgres);
        brokerLink = TcpProxy.to(5672).open();
        services = SplitServices.start(dataDir, Broker.create(), brokerLink.port(), outbox.environment());
        api = services.api();
    }

    @AfterEach
    void stop() {
        services.close();
        brokerLink.close();
        postgres.close();
    }

    @Test
    void deletionsMadeWhileTheBrokerIsAwayCancelOrdersOnceItIsBack() throws IOException {
        Map<Long, List<Long>> orders = usersWithTwoOrders(3);

        brokerLink.cut();
        deleteUsers(orders);
        Api.Reply ready = new Api(services.userService().baseUri()).get("/observe/health/ready");
        assertEquals(503, ready.status(), () -> "readiness must report the broker down: " + ready);
        assertEquals(204, api.delete("/v1/users/" + registerUser()).status(), "writes still work");

        brokerLink.open();
        assertCancelledOnce(orders);
    }

    @Test
    void aUserDeletedWhileTheOrderServiceIsDownHasTheirOrdersCancelledWhenItReturns() {
        Map<Long, List<Long>> orders = usersWithTwoOrders(2);

        services.orderService().close();
        deleteUsers(orders);
        services.restartOrderService();

        assertCancelledOnce(orders);
    }

    @Test
    void aUserDeletedOnANewBrokerBeforeTheOrderServiceFirstConnectedToItHasTheirOrdersCancelled() {
        Map<Long, List<Long>> orders = usersWithTwoOrders(2);
        services.orderService().close();

        // The broker is rebuilt while the order service is down: its queue is gone, and nothing routes the
        // deletions to it; the broker keeps them for the queue's catch-up when the order service starts.
        services.broker().replace();
        awaitUserServiceReady();
        deleteUsers(orders);
        services.restartOrderService();

        assertCancelledOnce(orders);
    }

    @Test
    void killingTheOrderServiceWhileEventsAreInFlightLosesAndDuplicatesNothing() {
        Map<Long, List<Long>> orders = usersWithTwoOrders(20);

        deleteUsers(orders);
        services.orderService().kill();
        services.restartOrderService();

        assertCancelledOnce(orders);
    }

    // Users, each with two placed orders: user id to order ids.
    private Map<Long, List<Long>> usersWithTwoOrders(int users) {
        Map<Long, List<Long>> orders = new LinkedHashMap<>();
        for (int i = 0; i < users; i++) {
            long userId = registerUser();
            for (int j = 0; j < 2; j++) {
                Api.Reply order = api.postJson("/v1/orders", ContractSuite.order(userId));
                assertEquals(201, order.status(), order::toString);
                orders.computeIfAbsent(userId, id -> new ArrayList<>()).add(order.json().get("id").asLong());
            }
        }
        return orders;
    }

    private long registerUser() {
        Api.Reply user = api.postJson("/v1/users", "{\"name\":\"Evented\",\"email\":\""
                                                   + ContractSuite.uniqueEmail() + "\"}");
        assertEquals(201, user.status(), user::toString);
        return user.json().get("id").asLong();
    }

    private void deleteUsers(Map<Long, List<Long>> orders) {
        for (long user : orders.keySet()) {
            assertEquals(204, api.delete("/v1/users/" + user).status());
        }
    }

    private void awaitUserServiceReady() {
        Api health = new Api(services.userService().baseUri());
        Eventually.awaitEquals("the user service to reconnect (readiness 200)", OrderOutbox.WITHIN, 200,
                               () -> health.get("/observe/health/ready").status());
    }

    private void assertCancelledOnce(Map<Long, List<Long>> orders) {
        orders.values().stream().flatMap(List::stream).forEach(id -> outbox.awaitCancelledOnceForDeletedUser(api, id));
    }
}
