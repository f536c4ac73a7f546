package dev.cleave.order.adapter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.cleave.order.adapter.http.OrderApiFixture.Reply;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.web.Idempotency;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.list;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;

/**
 * {@code POST /v1/orders} with an {@code Idempotency-Key} asks the user directory before the key's transaction
 * opens: keyed orders waiting on a frozen user service hold no pooled connection, so more of them than the pool has
 * connections leave reads of the same context served.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlacingAKeyedOrderOutsideItsTransactionTest {
    private static final int POOL_SIZE = 2;
    private static final int WAITING_ORDERS = POOL_SIZE + 1;

    private final KnownUsers users = new KnownUsers();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private OrderApiFixture api;
    private WebServer server;
    private Http1Client client;

    @BeforeEach
    void start() {
        // A short connection wait, so a pool held by waiting orders shows as a 503 at once, not after a second.
        Config config = Config.just(ConfigSources.create(Map.of(
                "cleave.order.db.pool-size", Integer.toString(POOL_SIZE),
                "cleave.order.db.connection-wait", "250")));
        HttpRouting.Builder routing = HttpRouting.builder();
        api = OrderApiFixture.start(routing, users, config);
        server = WebServer.builder().port(0).addRouting(routing).build().start();
        client = Http1Client.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @AfterEach
    void stop() {
        users.thaw();
        senders.close();
        server.stop();
        api.close();
    }

    @Test
    void keyedOrdersWaitingForAFrozenUserServiceLeaveThePoolToReads() throws Exception {
        long user = users.register();
        users.freeze();
        List<CompletableFuture<Reply>> keyed = new ArrayList<>();
        for (int i = 0; i < WAITING_ORDERS; i++) {
            keyed.add(CompletableFuture.supplyAsync(() -> postWithKey(anOrder(user)), senders));
        }
        Eventually.awaitEquals("keyed orders waiting for the directory", WAITING_ORDERS, users::waiting);

        assertJson(list(client), Status.OK_200);

        users.thaw();
        for (CompletableFuture<Reply> reply : keyed) {
            assertJson(reply.get(30, TimeUnit.SECONDS), Status.CREATED_201);
        }
    }

    private Reply postWithKey(String body) {
        return send(client.post(ORDERS).header(HeaderNames.CONTENT_TYPE, "application/json")
                            .header(Idempotency.KEY, UUID.randomUUID().toString()), body);
    }
}
