package dev.cleave.user.adapter.http;

import java.nio.charset.StandardCharsets;
import java.util.Set;

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
import static dev.cleave.user.adapter.http.UserApiFixture.json;
import static dev.cleave.user.adapter.http.UserApiFixture.post;
import static dev.cleave.user.adapter.http.UserApiFixture.send;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/users} with a body that breaks the contract: 400 malformed-request, without {@code errors},
 * when the body is not one well-formed UTF-8 JSON object or there is none; 400 invalid-input when it is an object,
 * with {@code errors} naming every field at once: wrong JSON types, missing, unknown and read-only properties, and
 * details the user rules reject.
 */
class SendingAnInvalidUserTest extends UserApiRoutingTest {
    SendingAnInvalidUserTest(DirectClient client) {
        super(client);
    }

    @Test
    void everyBrokenRuleOfTheDetailsIsReportedWithItsField() {
        Reply reply = post(client, USERS, user("   ", "not-an-email"));

        assertInvalid(reply, "name: must not be blank", "email: must contain exactly one @");
    }

    @Test
    void aNameOfAHundredAndOneCharactersIsRejected() {
        assertInvalid(post(client, USERS, user("n".repeat(101), uniqueEmail("n"))),
                      "name: must be at most 100 characters");
    }

    @Test
    void aNameWithControlCharactersIsRejected() {
        assertInvalid(post(client, USERS, user("Ada\u0000Lovelace", uniqueEmail("c"))),
                      "name: must not contain control characters");
    }

    @Test
    void anEmailOfTwoHundredAndFiftyFiveCharactersIsRejected() {
        String email = "e".repeat(255 - "@example.com".length()) + "@example.com";

        assertInvalid(post(client, USERS, user("Ada", email)), "email: must be at most 254 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example", "ada@", "ada@.com", "@example.com", "a@b@example.com", "a b@example.com"})
    void aMalformedEmailIsRejected(String email) {
        Reply reply = post(client, USERS, user("Ada", email));

        assertProblem(reply, Status.BAD_REQUEST_400, "invalid-input", "Invalid input");
        assertEquals(1, reply.errors().size(), reply::toString);
        assertTrue(reply.errors().getFirst().startsWith("email: must "), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"name\":", "{\"name\" \"Ada\"}", "{'name':'Ada'}", "nope", "{\"name\":\"Ada\",}",
                            "{\"name\":\"Ada\",\"name\":\"Eve\",\"email\":\"a@b.co\"}", "{\"name\":\"Ada\"]"})
    void aBodyThatIsNotOneWellFormedJsonObjectIsABadRequest(String body) {
        JsonNode problem = assertProblem(post(client, USERS, body),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertFalse(problem.has("errors"), problem::toString);
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    @Test
    void contentAfterTheObjectIsABadRequest() {
        JsonNode problem = assertProblem(post(client, USERS, user("Ada", uniqueEmail("trailing")) + " {}"),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    @Test
    void jsonNestedTooDeepIsABadRequest() {
        JsonNode problem = assertProblem(post(client, USERS, "{\"a\":".repeat(1001) + "1" + "}".repeat(1001)),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    @Test
    void aNumberTooLongToReadIsABadRequest() {
        String body = "{\"name\":" + "1".repeat(1001) + ",\"email\":\"a@b.co\"}";

        JsonNode problem = assertProblem(post(client, USERS, body),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    @Test
    void bytesThatAreNotUtf8AreABadRequest() {
        byte[] latin1 = "{\"name\":\"Jos\u00e9\",\"email\":\"jose@example.com\"}".getBytes(StandardCharsets.ISO_8859_1);

        Reply reply = Reply.of(client.post(USERS).header(HeaderNames.CONTENT_TYPE, JSON).submit(latin1));

        assertProblem(reply, Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"name\":\"Ada\",\"email\":\"a@b.co\"}]", "\"Ada\"", "null", "42", "true"})
    void aJsonBodyThatIsNotAnObjectIsABadRequest(String body) {
        JsonNode problem = assertProblem(post(client, USERS, body),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("The body must be a JSON object, not "),
                   problem::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void anEmptyBodyIsABadRequest(String body) {
        JsonNode problem = assertProblem(post(client, USERS, body),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertEquals("The request needs a JSON object body.", problem.get("detail").asText());
    }

    @Test
    void aPostWithoutABodyIsABadRequest() {
        Reply reply = send(client.post(USERS).header(HeaderNames.CONTENT_TYPE, JSON), null);

        assertProblem(reply, Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
    }

    @Test
    void fieldsOfTheWrongJsonTypeAreNamed() {
        Reply reply = post(client, USERS, "{\"name\":5,\"email\":true}");

        assertInvalid(reply, "name: must be a string, not an integer", "email: must be a string, not a boolean");
    }

    @Test
    void fieldsOfOtherWrongJsonTypesAreNamed() {
        Reply reply = post(client, USERS, "{\"name\":[\"Ada\"],\"email\":{\"at\":\"example.com\"}}");

        assertInvalid(reply, "name: must be a string, not an array", "email: must be a string, not an object");
    }

    @Test
    void problemsWithTheJsonAndWithTheDetailsAreReportedTogether() {
        Reply reply = post(client, USERS, json("name", "   ", "email", 5, "version", 1));

        assertInvalid(reply, "version: is read-only", "email: must be a string, not an integer",
                      "name: must not be blank");
        assertEquals("3 fields are invalid", reply.json().get("detail").asText());
    }

    @Test
    void missingFieldsAreNamed() {
        assertInvalid(post(client, USERS, "{}"), "name: is required", "email: is required");
    }

    @Test
    void nullFieldsAreMissing() {
        assertInvalid(post(client, USERS, json("name", null, "email", uniqueEmail("null"))), "name: is required");
        assertInvalid(post(client, USERS, json("name", null, "email", "not-an-email")),
                      "name: is required", "email: must contain exactly one @");
    }

    @Test
    void unknownPropertiesAreNamed() {
        Reply reply = post(client, USERS, json("name", "Ada", "email", uniqueEmail("unknown"), "nickname", "Countess"));

        assertInvalid(reply, "nickname: is not a known property");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "createdAt", "updatedAt"})
    void aReadOnlyPropertyIsNamed(String property) {
        Reply reply = post(client, USERS, json("name", "Ada", "email", uniqueEmail("ro"), property, 1));

        assertInvalid(reply, property + ": is read-only");
    }

    @Test
    void everyPropertyProblemIsReportedAtOnce() {
        Reply reply = post(client, USERS, json("id", 1, "name", 5, "version", 2, "color", "blue"));

        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "invalid-input", "Invalid input");
        assertEquals(Set.of("id: is read-only", "version: is read-only", "color: is not a known property",
                            "name: must be a string, not an integer", "email: is required"),
                     Set.copyOf(reply.errors()));
        assertEquals("5 fields are invalid", problem.get("detail").asText());
    }
}
