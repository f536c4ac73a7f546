package dev.cleave.user.adapter.http;

import java.time.Instant;

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
import static dev.cleave.user.adapter.http.UserApiFixture.assertInvalid;
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.get;
import static dev.cleave.user.adapter.http.UserApiFixture.json;
import static dev.cleave.user.adapter.http.UserApiFixture.put;
import static dev.cleave.user.adapter.http.UserApiFixture.register;
import static dev.cleave.user.adapter.http.UserApiFixture.send;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code PUT /v1/users/{id}}: 200 at the next version, the user keeping its own email if it likes; 404 for no
 * such user; 409 for another user's email; 412 when {@code If-Match} names no current version, compared strongly;
 * the body checked as a registration's (400, 415). A refused replacement changes nothing.
 */
class ReplacingAUserOverHttpTest extends UserApiRoutingTest {
    ReplacingAUserOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void replacingAUserAnswersTheNextVersion() {
        Reply created = register(client, "Before", uniqueEmail("before"));
        String location = created.header(HeaderNames.LOCATION);
        String email = uniqueEmail("after");

        Reply reply = put(client, location, user(" After ", email.toUpperCase()));

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals(JSON, reply.header(HeaderNames.CONTENT_TYPE));
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
        JsonNode body = reply.json();
        assertEquals(created.json().get("id"), body.get("id"));
        assertEquals("After", body.get("name").asText());
        assertEquals(email, body.get("email").asText());
        assertEquals(2, body.get("version").asLong());
        assertEquals(created.json().get("createdAt"), body.get("createdAt"));
        assertFalse(Instant.parse(body.get("updatedAt").asText())
                            .isBefore(Instant.parse(body.get("createdAt").asText())));
        Reply read = get(client, location);
        assertEquals("\"2\"", read.header(HeaderNames.ETAG));
        assertEquals(body, read.json());
    }

    @Test
    void aUserMayKeepItsOwnEmail() {
        String email = uniqueEmail("keep");
        String location = register(client, "Keep", email).header(HeaderNames.LOCATION);

        Reply reply = put(client, location, user("Kept", email));

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("Kept", reply.json().get("name").asText());
    }

    @Test
    void replacingAnUnknownUserIsNotFound() {
        assertProblem(put(client, USERS + "/999999998", user("Nobody", uniqueEmail("nobody"))),
                      Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @Test
    void replacingWithAnotherUsersEmailIsAConflict() {
        String taken = uniqueEmail("taken");
        register(client, "Owner", taken);
        String location = register(client, "Other", uniqueEmail("other")).header(HeaderNames.LOCATION);

        Reply reply = put(client, location, user("Other", taken.toUpperCase()));

        assertProblem(reply, Status.CONFLICT_409, "conflict", "Conflict");
        assertEquals("\"1\"", get(client, location).header(HeaderNames.ETAG));
    }

    @Test
    void aMatchingIfMatchReplaces() {
        String location = register(client, "Match", uniqueEmail("match")).header(HeaderNames.LOCATION);

        Reply reply = put(client, location, user("Matched", uniqueEmail("matched")), "\"1\"");

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void anIfMatchOfAnyVersionReplaces() {
        String location = register(client, "Star", uniqueEmail("star")).header(HeaderNames.LOCATION);
        put(client, location, user("Star 2", uniqueEmail("star")));

        Reply reply = put(client, location, user("Star 3", uniqueEmail("star")), "*");

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("\"3\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void aStaleIfMatchFailsThePreconditionAndChangesNothing() {
        String location = register(client, "Stale", uniqueEmail("stale")).header(HeaderNames.LOCATION);
        JsonNode current = put(client, location, user("Stale 2", uniqueEmail("stale"))).json();

        Reply reply = put(client, location, user("Lost Update", uniqueEmail("lost")), "\"1\"");

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals(current, get(client, location).json());
    }

    @Test
    void anIfMatchListingTheCurrentVersionAmongOthersReplaces() {
        String location = register(client, "List", uniqueEmail("list")).header(HeaderNames.LOCATION);

        Reply reply = put(client, location, user("List 2", uniqueEmail("list")), "\"5\", W/\"1\", \"1\"");

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void anIfMatchListingOnlyOtherVersionsFailsThePrecondition() {
        String location = register(client, "Others", uniqueEmail("others")).header(HeaderNames.LOCATION);

        Reply reply = put(client, location, user("Others 2", uniqueEmail("others")), "\"5\", \"6\", W/\"1\"");

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals("\"1\"", get(client, location).header(HeaderNames.ETAG));
    }

    @Test
    void anIfMatchListOnAnUnknownUserIsNotFound() {
        assertProblem(put(client, USERS + "/999999996", user("Nobody", uniqueEmail("nobody")), "\"1\", \"2\""),
                      Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"1\"", "\"01x\"", "1", "\"\"", "\"99999999999999999999\""})
    void anIfMatchThatCannotMatchFailsThePrecondition(String ifMatch) {
        // Strong comparison: a weak tag never matches, not even the current version's.
        String location = register(client, "Weak", uniqueEmail("weak")).header(HeaderNames.LOCATION);

        Reply reply = put(client, location, user("Weak 2", uniqueEmail("weak")), ifMatch);

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals("\"1\"", get(client, location).header(HeaderNames.ETAG));
    }

    @Test
    void replacingChecksTheBodyLikeRegistering() {
        String location = register(client, "Body", uniqueEmail("body")).header(HeaderNames.LOCATION);

        assertInvalid(put(client, location, json("name", "", "email", "x", "version", 5)),
                      "version: is read-only", "name: must not be blank", "email: must contain exactly one @");
        assertInvalid(put(client, location, user("", "x")),
                      "name: must not be blank", "email: must contain exactly one @");
        assertProblem(put(client, location, "[]"), Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertProblem(send(client.put(location).header(HeaderNames.CONTENT_TYPE, "text/plain"), "{}"),
                      Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type");
        assertEquals("\"1\"", get(client, location).header(HeaderNames.ETAG));
    }
}
