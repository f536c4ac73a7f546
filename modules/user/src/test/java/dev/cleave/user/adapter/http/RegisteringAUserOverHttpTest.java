package dev.cleave.user.adapter.http;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.user.adapter.http.UserApiFixture.Reply;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.adapter.http.UserApiFixture.JSON;
import static dev.cleave.user.adapter.http.UserApiFixture.USERS;
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.fieldNames;
import static dev.cleave.user.adapter.http.UserApiFixture.get;
import static dev.cleave.user.adapter.http.UserApiFixture.post;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/users}: 201 with the user, its location and first ETag; the name stored trimmed and the email
 * lower case; a name of 100 characters (or emoji) and an email of 254 accepted; 409 for an email already taken,
 * whatever its case.
 */
class RegisteringAUserOverHttpTest extends UserApiRoutingTest {
    RegisteringAUserOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void registeringAUserAnswersCreatedWithItsLocationAndFirstETag() {
        String email = uniqueEmail("ada");

        Reply reply = post(client, USERS, user("Ada Lovelace", email));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        assertEquals(JSON, reply.header(HeaderNames.CONTENT_TYPE));
        JsonNode body = reply.json();
        long id = body.get("id").asLong();
        assertTrue(body.get("id").isIntegralNumber() && id >= 1, reply::toString);
        assertEquals(USERS + "/" + id, reply.header(HeaderNames.LOCATION));
        assertEquals("\"1\"", reply.header(HeaderNames.ETAG));
        assertEquals("Ada Lovelace", body.get("name").asText());
        assertEquals(email, body.get("email").asText());
        assertEquals(1, body.get("version").asLong());
        Instant createdAt = Instant.parse(body.get("createdAt").asText());
        assertEquals(createdAt, Instant.parse(body.get("updatedAt").asText()));
        assertTrue(createdAt.isBefore(Instant.now().plusSeconds(5))
                   && createdAt.isAfter(Instant.now().minusSeconds(300)),
                   createdAt::toString);
        assertEquals(Set.of("id", "name", "email", "owner", "createdAt", "updatedAt", "version"), fieldNames(body));
    }

    @Test
    void theNameIsTrimmedAndTheEmailStoredLowerCase() {
        String email = uniqueEmail("Grace.Hopper");

        Reply created = post(client, USERS, user("  Grace Hopper \t", "  " + email.toUpperCase() + " "));

        assertEquals(Status.CREATED_201, created.status(), created::toString);
        assertEquals("Grace Hopper", created.json().get("name").asText());
        assertEquals(email.toLowerCase(), created.json().get("email").asText());
        Reply read = get(client, created.header(HeaderNames.LOCATION));
        assertEquals(email.toLowerCase(), read.json().get("email").asText());
    }

    @Test
    void aNameOfAHundredCharactersIsAccepted() {
        Reply reply = post(client, USERS, user("n".repeat(100), uniqueEmail("long-name")));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        assertEquals("n".repeat(100), reply.json().get("name").asText());
    }

    @Test
    void aNameOfAHundredEmojiIsAccepted() {
        String name = "\uD83D\uDE00".repeat(100);

        Reply reply = post(client, USERS, user(name, uniqueEmail("emoji")));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        assertEquals(name, reply.json().get("name").asText());
        assertEquals(name, get(client, reply.header(HeaderNames.LOCATION)).json().get("name").asText());
    }

    @Test
    void anEmailOfTwoHundredAndFiftyFourCharactersIsAccepted() {
        String email = uniqueEmail("x");
        email = "e".repeat(254 - email.length()) + email;

        Reply reply = post(client, USERS, user("Long Email", email));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        assertEquals(email, reply.json().get("email").asText());
    }

    @Test
    void aTakenEmailIsAConflict() {
        String email = uniqueEmail("taken");
        assertEquals(Status.CREATED_201, post(client, USERS, user("First", email)).status());

        Reply reply = post(client, USERS, user("Second", email));

        assertProblem(reply, Status.CONFLICT_409, "conflict", "Conflict");
    }

    @Test
    void aTakenEmailIsAConflictWhateverItsCase() {
        String email = uniqueEmail("case");
        assertEquals(Status.CREATED_201, post(client, USERS, user("First", email)).status());

        Reply reply = post(client, USERS, user("Second", "  " + email.toUpperCase()));

        assertProblem(reply, Status.CONFLICT_409, "conflict", "Conflict");
    }
}
