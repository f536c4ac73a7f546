package dev.cleave.user.adapter.http;

import dev.cleave.user.adapter.http.UserApiFixture.Reply;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
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
import static dev.cleave.user.adapter.http.UserApiFixture.json;
import static dev.cleave.user.adapter.http.UserApiFixture.put;
import static dev.cleave.user.adapter.http.UserApiFixture.register;
import static dev.cleave.user.adapter.http.UserApiFixture.send;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Paths outside the API are 404 problems; methods a resource does not support are 405 problems that change
 * nothing and say, in {@code Allow}, which methods it does; {@code OPTIONS} answers 204 with the same
 * {@code Allow}.
 */
class AskingForRoutesTheApiDoesNotHaveTest extends UserApiRoutingTest {
    AskingForRoutesTheApiDoesNotHaveTest(DirectClient client) {
        super(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/nope", "/v1/users/1/x", "/v2/users", "/"})
    void anUnknownRouteIsNotFound(String path) {
        assertProblem(get(client, path), Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @Test
    void anUnsupportedMethodOnAUserIsNotAllowed() {
        String location = register(client, "Patch", uniqueEmail("patch")).header(HeaderNames.LOCATION);

        Reply reply = send(client.method(Method.PATCH).uri(location).header(HeaderNames.CONTENT_TYPE, JSON),
                           json("name", "Patched"));

        assertProblem(reply, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed");
        assertEquals("GET, PUT, DELETE", reply.header(HeaderNames.ALLOW));
        assertEquals("Patch", get(client, location).json().get("name").asText());
    }

    @Test
    void anUnsupportedMethodOnTheCollectionIsNotAllowed() {
        Reply delete = delete(client, USERS);
        Reply put = put(client, USERS, user("Ada", uniqueEmail("put-all")));

        assertProblem(delete, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed");
        assertEquals("GET, POST", delete.header(HeaderNames.ALLOW));
        assertProblem(put, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed");
        assertEquals("GET, POST", put.header(HeaderNames.ALLOW));
    }

    @Test
    void optionsOnTheCollectionListsItsMethods() {
        Reply reply = send(client.method(Method.OPTIONS).uri(USERS), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals("GET, POST", reply.header(HeaderNames.ALLOW));
        assertEquals("", reply.body());
    }

    @Test
    void optionsOnAUserListsItsMethods() {
        Reply reply = send(client.method(Method.OPTIONS).uri(USERS + "/1"), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals("GET, PUT, DELETE", reply.header(HeaderNames.ALLOW));
    }
}
