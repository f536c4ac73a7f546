package dev.cleave.user.adapter.http;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.api.Caller;
import dev.cleave.user.adapter.http.UserApiFixture.Reply;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.adapter.http.UserApiFixture.JSON;
import static dev.cleave.user.adapter.http.UserApiFixture.USERS;
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.send;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static dev.cleave.platform.testing.TestCallers.anonymous;
import static dev.cleave.platform.testing.TestCallers.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the HTTP adapter makes of the use cases' ownership rules: a customer's {@code POST} creates the user it owns
 * (shown as {@code owner}), someone else's user is a 404 on every method exactly like a missing one, listing
 * everyone is a 403, and a request no filter authenticated is a 401.
 */
class KeepingCustomersToTheirOwnUserOverHttpTest extends UserApiRoutingTest {
    private final Caller customerA = Caller.customer("customer-a-" + UUID.randomUUID());
    private final Caller customerB = Caller.customer("customer-b-" + UUID.randomUUID());

    KeepingCustomersToTheirOwnUserOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void aCustomersRegistrationIsOwnedByItAndItAloneReadsIt() {
        Reply created = register(customerA, "Ada", uniqueEmail("owned"));
        String location = created.header(HeaderNames.LOCATION);

        assertEquals(customerA.subject(), created.json().get("owner").asText());
        assertEquals(Status.OK_200, send(client.get(location).header(as(customerA)), null).status());
        assertEquals(Status.OK_200, send(client.get(location), null).status(), "an admin reads any user");
    }

    @Test
    void anotherCustomersUserIsNotFoundOnEveryMethodExactlyLikeAMissingOne() {
        String location = register(customerA, "Ada", uniqueEmail("not-yours")).header(HeaderNames.LOCATION);
        String id = location.substring(location.lastIndexOf('/') + 1);
        String body = user("Mallory", uniqueEmail("mallory"));

        JsonNode read = assertNotFound(send(client.get(location).header(as(customerB)), null));
        JsonNode replaced = assertNotFound(send(client.put(location)
                .header(HeaderNames.CONTENT_TYPE, JSON).header(as(customerB)), body));
        JsonNode deleted = assertNotFound(send(client.delete(location).header(as(customerB)), null));
        JsonNode missing = assertNotFound(send(client.get(USERS + "/999999999").header(as(customerB)), null));

        assertEquals("No user with id " + id + ".", read.get("detail").asText());
        assertEquals(read, replaced);
        assertEquals(read, deleted);
        assertEquals(missing.get("detail").asText().replace("999999999", id), read.get("detail").asText());
        assertEquals(Status.OK_200, send(client.get(location).header(as(customerA)), null).status(), "still there");
    }

    @Test
    void aCustomerOwnsOneUserAtMost() {
        register(customerA, "Ada", uniqueEmail("first"));

        Reply second = send(client.post(USERS).header(HeaderNames.CONTENT_TYPE, JSON).header(as(customerA)),
                            user("Ada Again", uniqueEmail("second")));

        JsonNode problem = assertProblem(second, Status.CONFLICT_409, "conflict", "Conflict");
        assertEquals("You already have a user record; read, replace or delete that one.",
                     problem.get("detail").asText());
    }

    @Test
    void theOwnerReplacesAndDeletesItsUser() {
        String location = register(customerA, "Ada", uniqueEmail("mine")).header(HeaderNames.LOCATION);

        Reply replaced = send(client.put(location).header(HeaderNames.CONTENT_TYPE, JSON).header(as(customerA)),
                              user("Ada King", uniqueEmail("mine-again")));
        Reply deleted = send(client.delete(location).header(as(customerA)), null);

        assertEquals(Status.OK_200, replaced.status(), replaced::toString);
        assertEquals(Status.NO_CONTENT_204, deleted.status(), deleted::toString);
    }

    @Test
    void listingEveryUserIsForbiddenToACustomer() {
        Reply reply = send(client.get(USERS).header(as(customerA)), null);

        assertProblem(reply, Status.FORBIDDEN_403, "forbidden", "Forbidden");
        assertEquals("Bearer error=\"insufficient_scope\"", reply.header(HeaderNames.WWW_AUTHENTICATE));
        assertFalse(reply.body().contains("@example.com"), reply::toString);
    }

    @Test
    void aRequestNoFilterAuthenticatedIsUnauthorized() {
        Reply reply = send(client.get(USERS).header(anonymous()), null);

        assertProblem(reply, Status.UNAUTHORIZED_401, "unauthorized", "Unauthorized");
        assertEquals("Bearer", reply.header(HeaderNames.WWW_AUTHENTICATE));
    }

    private Reply register(Caller caller, String name, String email) {
        Reply reply = send(client.post(USERS).header(HeaderNames.CONTENT_TYPE, JSON).header(as(caller)),
                           user(name, email));
        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        return reply;
    }

    private static JsonNode assertNotFound(Reply reply) {
        return assertProblem(reply, Status.NOT_FOUND_404, "not-found", "Not found");
    }
}
