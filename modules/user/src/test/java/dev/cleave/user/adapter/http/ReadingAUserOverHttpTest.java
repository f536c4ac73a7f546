package dev.cleave.user.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.user.adapter.http.UserApiFixture.Reply;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.user.adapter.http.UserApiFixture.JSON;
import static dev.cleave.user.adapter.http.UserApiFixture.USERS;
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.delete;
import static dev.cleave.user.adapter.http.UserApiFixture.get;
import static dev.cleave.user.adapter.http.UserApiFixture.put;
import static dev.cleave.user.adapter.http.UserApiFixture.register;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /v1/users/{id}}: 200 with the user and its ETag, 404 for an id no user has, 400 for an id that is
 * not a positive integer, on {@code PUT} and {@code DELETE} too.
 */
class ReadingAUserOverHttpTest extends UserApiRoutingTest {
    ReadingAUserOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void aRegisteredUserIsReadWithItsETag() {
        Reply created = register(client, "Reader", uniqueEmail("reader"));

        Reply reply = get(client, created.header(HeaderNames.LOCATION));

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals(JSON, reply.header(HeaderNames.CONTENT_TYPE));
        assertEquals("\"1\"", reply.header(HeaderNames.ETAG));
        assertEquals(created.json(), reply.json());
    }

    @Test
    void anUnknownUserIsNotFound() {
        Reply reply = get(client, USERS + "/999999999");

        JsonNode problem = assertProblem(reply, Status.NOT_FOUND_404, "not-found", "Not found");
        assertEquals("No user with id 999999999.", problem.get("detail").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "00", "12345678901234567890", "1.5", "1e3", "%201"})
    void anIdThatIsNotAPositiveIntegerIsABadRequest(String id) {
        Reply reply = get(client, USERS + "/" + id);

        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertEquals("id must be a positive integer.", problem.get("detail").asText());
    }

    @Test
    void anIdThatIsNotAPositiveIntegerIsABadRequestForEveryMethod() {
        assertProblem(put(client, USERS + "/abc", user("Ada", uniqueEmail("bad-id"))),
                      Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertProblem(delete(client, USERS + "/0"), Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
    }
}
