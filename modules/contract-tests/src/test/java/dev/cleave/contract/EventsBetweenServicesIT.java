package dev.cleave.contract;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events between the split services survive what production does to them: a broker that goes away, an order
 * service that is down or cut off from its database, a broker rebuilt while it is down, an order service killed
 * while events are in flight. In every case each placed order of a deleted user ends up cancelled exactly once
 * (reason {@code USER_DELETED}, one {@code OrderCancelled} in the order context's outbox): effects are counted, not
 * deliveries. A deletion the order context cannot apply is a dead letter, listed on its admin socket, until a replay
 * after the fix applies it once. Each case gets its own services and databases (the user ids of a fresh user
 * database start at 1 again).
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
    private int orderAdminPort;
    private SplitServices services;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        postgres = PostgresFixture.forContexts(Map.of("order", "orders"));
        postgres.create();
        outbox = OrderOutbox.on(postgres);
        brokerLink = TcpProxy.to(5672).open();
        databaseLink = TcpProxy.to(5432).open();
        orderAdminPort = AssemblyProcess.freePort();
        Map<String, String> orderEnvironment = new HashMap<>(outbox.environment(databaseLink.port()));
        orderEnvironment.put("ADMIN_PORT", Integer.toString(orderAdminPort));
        services = SplitServices.start(dataDir, Broker.create(), brokerLink.port(), orderEnvironment);
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
    void aDeletionTheOrderContextCannotApplyIsADeadLetterUntilItIsReplayedAfterTheFixAndThenCancelsOnce()
            throws SQLException {
        Map<Long, List<Long>> orders = usersWithTwoOrders(1);
        long user = orders.keySet().iterator().next();
        // A cause no retry clears: the order context may no longer record deleted users.
        orderPrivilege("REVOKE INSERT ON orders.deleted_users FROM ");
        deleteUsers(orders);

        Api admin = new Api(URI.create("http://127.0.0.1:" + orderAdminPort));
        Eventually.awaitEquals("the dead letter listed", OrderOutbox.WITHIN, 1,
                               () -> admin.get("/admin/dead-letters").json().get("items").size());
        JsonNode letter = admin.get("/admin/dead-letters").json().get("items").get(0);
        assertEquals("UserDeleted", letter.get("type").asText(), letter::toString);
        assertEquals("user", letter.get("publisher").asText(), letter::toString);
        assertEquals("order", letter.get("consumer").asText(), letter::toString);
        assertEquals(user, letter.get("aggregateId").asLong(), letter::toString);
        assertEquals(5, letter.get("attempts").asInt(), letter::toString);
        assertTrue(letter.get("lastError").asText().contains("permission denied"), letter::toString);
        Api health = new Api(services.orderService().baseUri());
        Eventually.awaitEquals("the dead letter counted", OrderOutbox.WITHIN, 1L,
                               () -> figure(health.get("/observe/health/ready").json().get("checks"), "order-outbox",
                                            "deadLetters"));
        assertEquals(404, api.get("/admin/dead-letters").status(), "not on the public port");
        orders.get(user).forEach(id -> assertEquals("PLACED", api.get("/v1/orders/" + id).json().get("status")
                .asText()));

        orderPrivilege("GRANT INSERT ON orders.deleted_users TO ");
        String replay = "/admin/dead-letters/" + letter.get("id").asText() + "/replay";
        Api.Reply replayed = admin.send("POST", replay, null, null);

        assertEquals(200, replayed.status(), replayed::toString);
        assertEquals("applied", replayed.json().get("outcome").asText(), replayed::toString);
        orders.get(user).forEach(id -> outbox.awaitCancelledOnceForDeletedUser(api, id));
        assertEquals(0, admin.get("/admin/dead-letters").json().get("items").size());
        assertEquals(404, admin.send("POST", replay, null, null).status(), "replayed, so gone");
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

    // A grant or revoke on the order context's role, as PostgreSQL's superuser.
    private void orderPrivilege(String statement) throws SQLException {
        try (Connection connection = postgres.connectAsSuperuser(postgres.database());
             Statement sql = connection.createStatement()) {
            sql.execute(statement + postgres.role("order"));
        }
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
