package dev.cleave.user.adapter.http;

import dev.cleave.user.adapter.http.UserApiFixture.Reply;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.adapter.http.UserApiFixture.USERS;
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.delete;
import static dev.cleave.user.adapter.http.UserApiFixture.get;
import static dev.cleave.user.adapter.http.UserApiFixture.post;
import static dev.cleave.user.adapter.http.UserApiFixture.put;
import static dev.cleave.user.adapter.http.UserApiFixture.register;
import static dev.cleave.user.adapter.http.UserApiFixture.send;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code DELETE /v1/users/{id}}: 204 and the user gone, its email free to register again, at whatever version it is
 * unless {@code If-Match} says otherwise; 404 for no such user; 412, and the user kept, when {@code If-Match} names
 * another version or a weak tag.
 */
class DeletingAUserOverHttpTest extends UserApiRoutingTest {
    DeletingAUserOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void aDeletedUserIsGoneAndItsEmailMayRegisterAgain() {
        String email = uniqueEmail("deleted");
        Reply created = register(client, "Deleted", email);
        String location = created.header(HeaderNames.LOCATION);

        Reply reply = delete(client, location);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals("", reply.body());
        assertProblem(get(client, location), Status.NOT_FOUND_404, "not-found", "Not found");
        assertProblem(delete(client, location), Status.NOT_FOUND_404, "not-found", "Not found");
        Reply again = post(client, USERS, user("Again", email));
        assertEquals(Status.CREATED_201, again.status(), again::toString);
        assertTrue(again.json().get("id").asLong() > created.json().get("id").asLong());
    }

    @Test
    void deletingAnUnknownUserIsNotFound() {
        assertProblem(delete(client, USERS + "/999999997"), Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @Test
    void withoutIfMatchWhateverVersionIsCurrentIsDeleted() {
        String location = register(client, "Changed", uniqueEmail("changed")).header(HeaderNames.LOCATION);
        put(client, location, user("Changed 2", uniqueEmail("changed")));

        Reply reply = delete(client, location);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals(Status.NOT_FOUND_404, get(client, location).status());
    }

    @Test
    void aStaleIfMatchKeepsTheUser() {
        String location = register(client, "Keep Me", uniqueEmail("keep-me")).header(HeaderNames.LOCATION);
        put(client, location, user("Keep Me 2", uniqueEmail("keep-me")));

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "\"1\""), null);

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals(Status.OK_200, get(client, location).status());
    }

    @Test
    void anIfMatchListingTheCurrentVersionAmongOthersDeletes() {
        String location = register(client, "Go List", uniqueEmail("go-list")).header(HeaderNames.LOCATION);

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "\"7\", \"1\""), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals(Status.NOT_FOUND_404, get(client, location).status());
    }

    @Test
    void aWeakIfMatchKeepsTheUser() {
        String location = register(client, "Weak Delete", uniqueEmail("weak-delete")).header(HeaderNames.LOCATION);

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "W/\"1\""), null);

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals(Status.OK_200, get(client, location).status());
    }

    @Test
    void aMatchingIfMatchDeletes() {
        String location = register(client, "Go", uniqueEmail("go")).header(HeaderNames.LOCATION);

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "\"1\""), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals(Status.NOT_FOUND_404, get(client, location).status());
    }
}
