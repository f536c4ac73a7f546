package dev.cleave.order.adapter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.order.adapter.http.OrderApiFixture.Reply;
import dev.cleave.platform.api.Caller;
import dev.cleave.platform.testing.AllAtOnce;
import dev.cleave.platform.web.Idempotency;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.item;
import static dev.cleave.order.adapter.http.OrderApiFixture.list;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static dev.cleave.platform.testing.TestCallers.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/orders} with an {@code Idempotency-Key}, many at once and after a failure: the key is claimed
 * before the order is placed, so of sixteen concurrent requests with one key and one body exactly one places the
 * order and every other gets its reply (or, while it is still in flight, 409 with {@code Retry-After}); a request
 * that failed leaves the key free for a retry; the same key with another body is 422.
 *
 * <p>The cases, over a real socket; {@link RetryingAnOrderWithOneIdempotencyKeyOnH2Test} and
 * {@link RetryingAnOrderWithOneIdempotencyKeyOnPostgresTest} run them on each database the context supports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractRetryingAnOrderWithOneIdempotencyKeyTest {
    private static final int RACERS = 16;

    private final KnownUsers users = new KnownUsers();
    private OrderApiFixture api;
    private WebServer server;
    private Http1Client client;

    /** The configuration the context starts with: which database it runs on. */
    abstract Config database();

    @BeforeEach
    void start() {
        HttpRouting.Builder routing = HttpRouting.builder();
        api = OrderApiFixture.start(routing, users, database());
        server = WebServer.builder().port(0).addRouting(routing).build().start();
        client = Http1Client.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @AfterEach
    void stop() {
        server.stop();
        api.close();
    }

    @Test
    void ofSixteenConcurrentOrdersWithOneKeyOnePlacesTheOrderAndTheOthersGetItsReplyOrRetryAfter() throws Exception {
        long user = users.register();
        String key = UUID.randomUUID().toString();
        String body = anOrder(user);

        List<Reply> replies = AllAtOnce.race(RACERS, () -> postWithKey(key, body));

        List<Reply> created = new ArrayList<>();
        for (Reply reply : replies) {
            if (reply.status() == Status.CREATED_201) {
                created.add(reply);
            } else {
                assertInFlight(reply);
            }
        }
        assertTrue(!created.isEmpty(), "no request placed the order: " + replies);
        Reply first = created.getFirst();
        for (Reply reply : created) {
            assertEquals(first.header(HeaderNames.LOCATION), reply.header(HeaderNames.LOCATION), reply.body());
            assertEquals(first.body(), reply.body());
        }
        assertEquals(created.size() - 1, created.stream().filter(r -> r.header(Idempotency.REPLAYED) != null).count(),
                     "all but one reply are replays");
        JsonNode stored = assertJson(list(client, "userId", Long.toString(user)), Status.OK_200);
        assertEquals(1, stored.path("items").size(), stored.toString());
    }

    @Test
    void aKeyWhoseFirstRequestFailedPlacesTheOrderOnTheRetry() {
        long user = users.register();
        String key = UUID.randomUUID().toString();
        String body = anOrder(user);

        users.goDown();
        Reply failed = postWithKey(key, body);
        users.comeBack();
        assertProblem(failed, Status.SERVICE_UNAVAILABLE_503);
        Reply retried = postWithKey(key, body);

        assertJson(retried, Status.CREATED_201);
        assertNull(retried.header(Idempotency.REPLAYED), "the retry ran, it did not replay the failure");
        assertEquals(retried.body(), postWithKey(key, body).body(), "and its reply is the one kept for the key");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() {
        long user = users.register();
        String key = UUID.randomUUID().toString();
        assertJson(postWithKey(key, anOrder(user)), Status.CREATED_201);

        Reply other = postWithKey(key, order(user, item("lamp", 1, 4999)));

        assertProblem(other, Status.UNPROCESSABLE_CONTENT_422, "unprocessable");
    }

    @Test
    void anotherSubjectsIdenticalKeyNeverGetsTheFirstCallersReply() {
        Caller ada = Caller.customer("ada-" + UUID.randomUUID());
        Caller mallory = Caller.customer("mallory-" + UUID.randomUUID());
        String key = UUID.randomUUID().toString();
        String adasOrder = anOrder(users.registerOwnedBy(ada.subject()));
        Reply first = send(withKey(key).header(as(ada)), adasOrder);
        assertJson(first, Status.CREATED_201);

        Reply other = send(withKey(key).header(as(mallory)), anOrder(users.registerOwnedBy(mallory.subject())));

        assertJson(other, Status.CREATED_201);
        assertNull(other.header(Idempotency.REPLAYED), "a new order, not Ada's reply");
        assertNotEquals(first.header(HeaderNames.LOCATION), other.header(HeaderNames.LOCATION));
        assertEquals(first.body(), send(withKey(key).header(as(ada)), adasOrder).body(),
                     "Ada's key still replays her reply");
    }

    private Http1ClientRequest withKey(String key) {
        return client.post(ORDERS).header(HeaderNames.CONTENT_TYPE, "application/json").header(Idempotency.KEY, key);
    }

    private Reply postWithKey(String key, String body) {
        return send(withKey(key), body);
    }

    // A request whose key another request with the same key still holds: 409 about the key, with Retry-After.
    private static void assertInFlight(Reply reply) {
        JsonNode problem = assertProblem(reply, Status.CONFLICT_409, "conflict");
        assertTrue(problem.path("detail").asText().contains("Idempotency-Key"), reply.body());
        assertNotNull(reply.header(HeaderNames.RETRY_AFTER), reply.body());
    }
}
