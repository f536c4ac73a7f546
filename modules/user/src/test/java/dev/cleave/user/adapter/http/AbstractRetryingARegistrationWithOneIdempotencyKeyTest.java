package dev.cleave.user.adapter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.testing.AllAtOnce;
import dev.cleave.platform.web.Idempotency;
import dev.cleave.user.adapter.http.UserApiFixture.Reply;
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

import static dev.cleave.user.adapter.http.UserApiFixture.JSON;
import static dev.cleave.user.adapter.http.UserApiFixture.USERS;
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.delete;
import static dev.cleave.user.adapter.http.UserApiFixture.register;
import static dev.cleave.user.adapter.http.UserApiFixture.send;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static dev.cleave.platform.testing.TestCallers.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/users} with an {@code Idempotency-Key}, many at once and after a failure: the key is claimed
 * before the registration runs, so of sixteen concurrent requests with one key and one body exactly one registers
 * the user and every other gets its reply (or, while it is still in flight, 409 with {@code Retry-After}), never
 * the 409 of an email already taken; a request that failed leaves the key free for a retry; the same key with
 * another body is 422; another subject's identical key is another key.
 *
 * <p>The cases, over a real socket; {@link RetryingARegistrationWithOneIdempotencyKeyOnH2Test} and
 * {@link RetryingARegistrationWithOneIdempotencyKeyOnPostgresTest} run them on each database the context supports.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class AbstractRetryingARegistrationWithOneIdempotencyKeyTest {
    private static final int RACERS = 16;

    private UserApiFixture api;
    private WebServer server;
    private Http1Client client;

    /** The configuration the context starts with: which database it runs on. */
    abstract Config database();

    @BeforeEach
    void start() {
        HttpRouting.Builder routing = HttpRouting.builder();
        api = UserApiFixture.start(routing, database());
        server = WebServer.builder().port(0).addRouting(routing).build().start();
        client = Http1Client.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @AfterEach
    void stop() {
        server.stop();
        api.close();
    }

    @Test
    void ofSixteenConcurrentRegistrationsWithOneKeyOneRegistersAndTheOthersGetItsReplyOrRetryAfter()
            throws Exception {
        String key = UUID.randomUUID().toString();
        String body = user("Racer", uniqueEmail("racer"));

        List<Reply> replies = AllAtOnce.race(RACERS, () -> postWithKey(key, body));

        List<Reply> created = new ArrayList<>();
        for (Reply reply : replies) {
            if (reply.status() == Status.CREATED_201) {
                created.add(reply);
            } else {
                assertInFlight(reply);
            }
        }
        assertTrue(!created.isEmpty(), "no request registered the user: " + replies);
        Reply first = created.getFirst();
        for (Reply reply : created) {
            assertEquals(first.header(HeaderNames.LOCATION), reply.header(HeaderNames.LOCATION), reply::toString);
            assertEquals(first.body(), reply.body(), reply::toString);
        }
        assertEquals(created.size() - 1, created.stream().filter(r -> r.header(Idempotency.REPLAYED) != null).count(),
                     "all but one reply are replays: " + created);
    }

    @Test
    void aKeyWhoseFirstRequestFailedRegistersOnTheRetry() {
        String email = uniqueEmail("taken");
        Reply holder = register(client, "Holder", email);
        String key = UUID.randomUUID().toString();
        String body = user("Newcomer", email);

        Reply failed = postWithKey(key, body);
        assertProblem(failed, Status.CONFLICT_409, "conflict", "Conflict");
        assertEquals(Status.NO_CONTENT_204, delete(client, holder.header(HeaderNames.LOCATION)).status());
        Reply retried = postWithKey(key, body);

        assertEquals(Status.CREATED_201, retried.status(), retried::toString);
        assertEquals(null, retried.header(Idempotency.REPLAYED), "the retry ran, it did not replay the failure");
        assertEquals(retried.body(), postWithKey(key, body).body(), "and its reply is the one kept for the key");
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() {
        String key = UUID.randomUUID().toString();
        assertEquals(Status.CREATED_201, postWithKey(key, user("Ada", uniqueEmail("ada"))).status());

        Reply other = postWithKey(key, user("Grace", uniqueEmail("grace")));

        assertProblem(other, Status.UNPROCESSABLE_CONTENT_422, "unprocessable", "Unprocessable request");
    }

    @Test
    void anotherSubjectsIdenticalKeyNeverGetsTheFirstCallersReply() {
        String key = UUID.randomUUID().toString();
        Caller ada = Caller.customer("ada-" + UUID.randomUUID());
        Caller mallory = Caller.customer("mallory-" + UUID.randomUUID());
        String body = user("Ada", uniqueEmail("ada"));
        Reply first = send(withKey(key).header(as(ada)), body);
        assertEquals(Status.CREATED_201, first.status(), first::toString);

        Reply other = send(withKey(key).header(as(mallory)), user("Mallory", uniqueEmail("mallory")));

        assertEquals(Status.CREATED_201, other.status(), other::toString);
        assertEquals(null, other.header(Idempotency.REPLAYED), "a new registration, not Ada's reply");
        assertEquals(mallory.subject(), other.json().get("owner").asText());
        assertEquals(first.body(), send(withKey(key).header(as(ada)), body).body(),
                     "Ada's key still replays her reply");
    }

    private Http1ClientRequest withKey(String key) {
        return client.post(USERS).header(HeaderNames.CONTENT_TYPE, JSON).header(Idempotency.KEY, key);
    }

    private Reply postWithKey(String key, String body) {
        return send(withKey(key), body);
    }

    // A request whose key another request with the same key still holds: 409 about the key, with Retry-After.
    private static void assertInFlight(Reply reply) {
        assertProblem(reply, Status.CONFLICT_409, "conflict", "Conflict");
        assertTrue(reply.json().path("detail").asText().contains("Idempotency-Key"), reply::toString);
        assertNotNull(reply.header(HeaderNames.RETRY_AFTER), reply::toString);
    }
}
