package dev.cleave.contract;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code SIGTERM} to a monolith under steady load from several clients behind a load balancer (played by the test:
 * it probes readiness and, once down, sends nothing new), as an orchestrator stops a pod: readiness goes down at once
 * while requests are still served for the drain, every request the service accepted is answered (no reset, no
 * {@code 5xx}), the JVM exits {@code 0} within its bound, and every event written before the stop
 * reaches its consumer (here: each deleted user's orders are cancelled) once it runs again.
 */
class ShuttingDownUnderLoadIT {
    private static final int CLIENTS = 6;
    private static final Duration DRAIN = Duration.ofMillis(1500);
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private final List<JsonNode> keptUsers = new CopyOnWriteArrayList<>();
    private final Map<Long, JsonNode> keptOrders = new ConcurrentHashMap<>();
    private final List<Long> ordersOfDeletedUsers = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final AtomicBoolean outOfRotation = new AtomicBoolean();
    private final AtomicInteger answeredAfterTheSignal = new AtomicInteger();

    @Test
    void answersEveryAcceptedRequestExitsZeroWithinTheBoundAndLosesNoEvent() throws InterruptedException {
        AssemblyProcess monolith = AssemblyProcess.start(
                "monolith", dataDir, Map.of("CLEAVE_SHUTDOWN_DRAIN", Long.toString(DRAIN.toMillis()),
                                            // Load, not the rate limits, is what this test is about.
                                            "CLEAVE_RATE_LIMIT", "off"));
        Api probe = new Api(monolith.baseUri());
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            // The clients write into a process being stopped and count what comes back; what the restarted process
            // serves afterwards is read through a checked client.
            Api api = new Api(monolith.baseUri()).unchecked();
            clients.add(Thread.ofPlatform().name("client-" + i).start(() -> writeUntilTakenOutOfRotation(api)));
        }
        Eventually.sleep(Duration.ofSeconds(2));

        long signalled = System.nanoTime();
        terminated.set(true);
        monolith.terminate();
        // The load balancer: probes readiness every 50 ms and, once it is down, sends this service nothing new.
        boolean readinessDownWhileServing = false;
        while (monolith.isAlive() && !outOfRotation.get()) {
            Api.Reply ready = quietly(() -> probe.get("/observe/health/ready"));
            if (ready != null && ready.status() == 503) {
                readinessDownWhileServing = true;
                outOfRotation.set(true);
            }
            Eventually.sleep(Duration.ofMillis(50));
        }
        outOfRotation.set(true);
        OptionalInt exit = monolith.awaitExit(BOUND);
        Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
        for (Thread client : clients) {
            client.join(BOUND.toMillis());
        }

        assertTrue(readinessDownWhileServing, "readiness was never seen down during the drain");
        assertEquals(OptionalInt.of(0), exit, () -> "exit status after " + stopping.toMillis() + " ms:\n"
                                                    + monolith.log());
        assertTrue(stopping.compareTo(BOUND) < 0, "stopped in " + stopping.toMillis() + " ms");
        assertTrue(stopping.compareTo(DRAIN) >= 0, "stopped in " + stopping.toMillis() + " ms, before the drain");
        assertEquals(List.of(), failures, "requests accepted but not answered, or answered 5xx");
        assertTrue(keptUsers.size() + ordersOfDeletedUsers.size() > 20, "too little load to tell");
        assertTrue(answeredAfterTheSignal.get() > 0, "nothing was served between the signal and the drain's end");

        try (AssemblyProcess again = monolith.restart()) {
            Api api = new Api(again.baseUri());
            for (JsonNode user : keptUsers) {
                assertEquals(user, api.get("/v1/users/" + user.get("id").asLong()).json());
            }
            keptOrders.forEach((id, order) -> assertEquals(order, api.get("/v1/orders/" + id).json()));
            for (long order : ordersOfDeletedUsers) {
                Eventually.awaitEquals("order " + order + " of a deleted user cancelled", OrderOutbox.WITHIN,
                                       "USER_DELETED", () -> String.valueOf(api.get("/v1/orders/" + order).json()
                                                                                    .get("cancellationReason")
                                                                                    .asText()));
            }
        }
    }

    // Every round: a user, an order for them, and every second round the user's deletion (whose event cancels the
    // order). Sends nothing new once the balancer took the service out of rotation, as the drain is there for; a
    // request sent just as the server stops listening could meet a connection closed unanswered.
    private void writeUntilTakenOutOfRotation(Api api) {
        for (int round = 0; !outOfRotation.get(); round++) {
            try {
                Api.Reply user = checked(api.postJson("/v1/users", "{\"name\":\"Stopping\",\"email\":\""
                                                                  + ContractSuite.uniqueEmail() + "\"}"), 201);
                long userId = user.json().get("id").asLong();
                if (outOfRotation.get()) {
                    keptUsers.add(user.json());
                    return;
                }
                Api.Reply order = checked(api.postJson("/v1/orders", ContractSuite.order(userId)), 201);
                long orderId = order.json().get("id").asLong();
                if (round % 2 == 1 && !outOfRotation.get()) {
                    checked(api.delete("/v1/users/" + userId), 204);
                    ordersOfDeletedUsers.add(orderId);
                } else {
                    keptUsers.add(user.json());
                    keptOrders.put(orderId, order.json());
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    failures.add(e.getMessage() + ": " + e.getCause());
                }
                return;
            } catch (UnexpectedReply e) {
                failures.add(e.getMessage());
                return;
            }
        }
    }

    private Api.Reply checked(Api.Reply reply, int expected) {
        if (terminated.get()) {
            answeredAfterTheSignal.incrementAndGet();
        }
        if (reply.status() != expected) {
            throw new UnexpectedReply(reply.toString());
        }
        return reply;
    }

    private static Api.Reply quietly(java.util.function.Supplier<Api.Reply> request) {
        try {
            return request.get();
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    /** A reply other than the one the round needs. */
    private static final class UnexpectedReply extends RuntimeException {
        UnexpectedReply(String reply) {
            super(reply);
        }
    }
}
