package dev.cleave.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events between the split services survive what production does to them: a broker that goes away, an order
 * service that is down or cut off from its database, a broker rebuilt while it is down, an order service killed
 * while events are in flight. In
 * every case each placed order of a deleted user ends up cancelled exactly once (reason {@code USER_DELETED}, one
 * {@code OrderCancelled} in the order context's outbox): effects are counted, not deliveries. Each case gets its
 * own services and databases (the user ids of a fresh user database start at 1 again).
 */
class EventsBetweenServicesIT {
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(60);
    // After a long outage a consumer may be in its longest pause (30 s, with jitter) before it tries again.
    private static final Duration AFTER_DATABASE_OUTAGE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    private PostgresFixture postgres;
    private OrderOutbox outbox;
    private TcpProxy brokerLink;
    private TcpProxy databaseLink;
    private SplitServices services;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        postgres = PostgresFixture.forContexts(Map.of("order", "orders"));
        postgres.create();
        outbox = OrderOutbox.on(postgres);
        brokerLink = TcpProxy.to(5672).open();
        databaseLink = TcpProxy.to(5432).open();
        services = SplitServices.start(dataDir, Broker.create(), brokerLink.port(),
                                       outbox.environment(databaseLink.port()));
        api = services.api();
    }

    @AfterEach
    void stop() {
        services.close();
        brokerLink.close();
        databaseLink.close();
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
    void deletionsMadeWhileTheOrderServiceCannotReachItsDatabaseCancelEachOrderOnceItIsBackAndDeadLetterNothing()
            throws InterruptedException, IOException {
        Map<Long, List<Long>> orders = usersWithTwoOrders(5);

        // Longer than the five attempts a failing event gets: each would wait the pool's connection wait in vain.
        databaseLink.cut();
        deleteUsers(orders);
        Thread.sleep(DATABASE_OUTAGE);
        databaseLink.open();

        orders.values().stream().flatMap(List::stream)
                .forEach(id -> outbox.awaitCancelledOnceForDeletedUser(api, id, AFTER_DATABASE_OUTAGE));
        Api health = new Api(services.orderService().baseUri());
        Eventually.awaitEquals("the order service ready again", OrderOutbox.WITHIN, 200,
                               () -> health.get("/observe/health/ready").status());
        JsonNode checks = health.get("/observe/health/ready").json().get("checks");
        assertEquals(0, figure(checks, "event-broker", "deadLetters"), checks::toString);
        assertEquals(0, figure(checks, "order-outbox", "deadLetters"), checks::toString);
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

    private static long figure(JsonNode checks, String check, String figure) {
        for (JsonNode one : checks) {
            if (one.get("name").asText().equals(check)) {
                return one.get("data").get(figure).asLong();
            }
        }
        throw new AssertionError("no check " + check + " in " + checks);
    }

    private void assertCancelledOnce(Map<Long, List<Long>> orders) {
        orders.values().stream().flatMap(List::stream).forEach(id -> outbox.awaitCancelledOnceForDeletedUser(api, id));
    }
}
