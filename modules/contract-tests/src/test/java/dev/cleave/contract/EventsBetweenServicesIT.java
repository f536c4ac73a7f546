package dev.cleave.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events between the split services survive what production does to them: a broker that goes away, an order
 * service that is down, an order service killed while events are in flight. In every case each placed order of a
 * deleted user ends up cancelled exactly once (version 2, reason {@code USER_DELETED}): effects are counted, not
 * deliveries.
 */
class EventsBetweenServicesIT {
    @TempDir
    Path dataDir;
    private Broker broker;
    private TcpProxy brokerLink;
    private AssemblyProcess userService;
    private AssemblyProcess orderService;
    private Api api;

    @BeforeEach
    void start() throws IOException {
        broker = Broker.create();
        brokerLink = TcpProxy.to(5672).open();
        userService = AssemblyProcess.start("user", dataDir.resolve("user"),
                                            Map.of("CLEAVE_AMQP_URL", broker.url(brokerLink.port())));
        orderService = AssemblyProcess.start("order", dataDir.resolve("order"),
                                             Map.of("USER_SERVICE_URL", userService.baseUri().toString(),
                                                    "CLEAVE_AMQP_URL", broker.url(brokerLink.port())));
        api = Api.split(userService.baseUri(), orderService.baseUri());
    }

    @AfterEach
    void stop() {
        orderService.close();
        userService.close();
        brokerLink.close();
        broker.close();
    }

    @Test
    void deletionsMadeWhileTheBrokerIsAwayCancelOrdersOnceItIsBack() throws IOException {
        Map<Long, List<Long>> orders = usersWithTwoOrders(3);

        brokerLink.cut();
        deleteUsers(orders);
        Api.Reply ready = new Api(userService.baseUri()).get("/observe/health/ready");
        assertEquals(503, ready.status(), () -> "readiness must report the broker down: " + ready);
        assertEquals(204, api.delete("/v1/users/" + registerUser()).status(), "writes still work");

        brokerLink.open();
        assertCancelledOnce(orders);
    }

    @Test
    void aUserDeletedWhileTheOrderServiceIsDownHasTheirOrdersCancelledWhenItReturns() {
        Map<Long, List<Long>> orders = usersWithTwoOrders(2);

        orderService.close();
        deleteUsers(orders);
        orderService = orderService.restart();

        assertCancelledOnce(orders);
    }

    @Test
    void killingTheOrderServiceWhileEventsAreInFlightLosesAndDuplicatesNothing() {
        Map<Long, List<Long>> orders = usersWithTwoOrders(20);

        deleteUsers(orders);
        orderService.kill();
        orderService = orderService.restart();

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

    private void assertCancelledOnce(Map<Long, List<Long>> orders) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (long id : orders.values().stream().flatMap(List::stream).toList()) {
            JsonNode order;
            do {
                order = api.get("/v1/orders/" + id).json();
            } while (!"CANCELLED".equals(order.get("status").asText()) && System.nanoTime() < deadline
                     && pause());
            assertEquals("CANCELLED", order.get("status").asText(), order::toString);
            assertEquals("USER_DELETED", order.get("cancellationReason").asText(), order::toString);
            JsonNode seen = order;
            assertEquals(2, order.get("version").asLong(), () -> "cancelled exactly once: " + seen);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
