package dev.cleave.user.adapter.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.user.adapter.http.UserApiFixture.Reply;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.user.adapter.http.UserApiFixture.cursor;
import static dev.cleave.user.adapter.http.UserApiFixture.json;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static dev.cleave.user.adapter.http.UserApiFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The {@code /v1/users} contract, every status code of it, written once and run by {@link UserApiTest} in memory
 * and by {@link UserApiOverHttpTest} over a real socket. Every test registers users with emails of its own, so
 * none depends on another or on their order.
 */
abstract class AbstractUserApiTest {
    private static final String USERS = "/v1/users";
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final HeaderName ALLOW = HeaderNames.ALLOW;

    private final Http1Client client;

    AbstractUserApiTest(Http1Client client) {
        this.client = client;
    }

    // ---- POST /v1/users ------------------------------------------------------------------------------------

    @Test
    void registeringAUserAnswersCreatedWithItsLocationAndFirstETag() {
        String email = uniqueEmail("ada");

        Reply reply = post(USERS, user("Ada Lovelace", email));

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
        assertTrue(createdAt.isBefore(Instant.now().plusSeconds(5)) && createdAt.isAfter(Instant.now().minusSeconds(300)),
                   createdAt::toString);
        assertEquals(Set.of("id", "name", "email", "createdAt", "updatedAt", "version"), fieldNames(body));
    }

    @Test
    void theNameIsTrimmedAndTheEmailStoredLowerCase() {
        String email = uniqueEmail("Grace.Hopper");

        Reply created = post(USERS, user("  Grace Hopper \t", "  " + email.toUpperCase() + " "));

        assertEquals(Status.CREATED_201, created.status(), created::toString);
        assertEquals("Grace Hopper", created.json().get("name").asText());
        assertEquals(email.toLowerCase(), created.json().get("email").asText());
        Reply read = get(created.header(HeaderNames.LOCATION));
        assertEquals(email.toLowerCase(), read.json().get("email").asText());
    }

    @Test
    void aNameOfAHundredCharactersIsAccepted() {
        Reply reply = post(USERS, user("n".repeat(100), uniqueEmail("long-name")));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        assertEquals("n".repeat(100), reply.json().get("name").asText());
    }

    @Test
    void aNameOfAHundredEmojiIsAccepted() {
        String name = "\uD83D\uDE00".repeat(100);

        Reply reply = post(USERS, user(name, uniqueEmail("emoji")));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        assertEquals(name, reply.json().get("name").asText());
        assertEquals(name, get(reply.header(HeaderNames.LOCATION)).json().get("name").asText());
    }

    @Test
    void anEmailOfTwoHundredAndFiftyFourCharactersIsAccepted() {
        String email = uniqueEmail("x");
        email = "e".repeat(254 - email.length()) + email;

        Reply reply = post(USERS, user("Long Email", email));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        assertEquals(email, reply.json().get("email").asText());
    }

    @Test
    void aTakenEmailIsAConflict() {
        String email = uniqueEmail("taken");
        assertEquals(Status.CREATED_201, post(USERS, user("First", email)).status());

        Reply reply = post(USERS, user("Second", email));

        assertProblem(reply, Status.CONFLICT_409, "conflict", "Conflict");
    }

    @Test
    void aTakenEmailIsAConflictWhateverItsCase() {
        String email = uniqueEmail("case");
        assertEquals(Status.CREATED_201, post(USERS, user("First", email)).status());

        Reply reply = post(USERS, user("Second", "  " + email.toUpperCase()));

        assertProblem(reply, Status.CONFLICT_409, "conflict", "Conflict");
    }

    @Test
    void everyBrokenRuleOfTheDetailsIsReportedWithItsField() {
        Reply reply = post(USERS, user("   ", "not-an-email"));

        assertInvalid(reply, "name: must not be blank", "email: must contain exactly one @");
    }

    @Test
    void aNameOfAHundredAndOneCharactersIsRejected() {
        assertInvalid(post(USERS, user("n".repeat(101), uniqueEmail("n"))), "name: must be at most 100 characters");
    }

    @Test
    void aNameWithControlCharactersIsRejected() {
        assertInvalid(post(USERS, user("Ada\u0000Lovelace", uniqueEmail("c"))),
                      "name: must not contain control characters");
    }

    @Test
    void anEmailOfTwoHundredAndFiftyFiveCharactersIsRejected() {
        String email = "e".repeat(255 - "@example.com".length()) + "@example.com";

        assertInvalid(post(USERS, user("Ada", email)), "email: must be at most 254 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@example", "ada@", "ada@.com", "@example.com", "a@b@example.com", "a b@example.com"})
    void aMalformedEmailIsRejected(String email) {
        Reply reply = post(USERS, user("Ada", email));

        assertProblem(reply, Status.BAD_REQUEST_400, "invalid-input", "Invalid input");
        assertEquals(1, reply.errors().size(), reply::toString);
        assertTrue(reply.errors().getFirst().startsWith("email: must "), reply::toString);
    }

    // ---- GET /v1/users/{id} ---------------------------------------------------------------------------------

    @Test
    void aRegisteredUserIsReadWithItsETag() {
        Reply created = register("Reader", uniqueEmail("reader"));

        Reply reply = get(created.header(HeaderNames.LOCATION));

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals(JSON, reply.header(HeaderNames.CONTENT_TYPE));
        assertEquals("\"1\"", reply.header(HeaderNames.ETAG));
        assertEquals(created.json(), reply.json());
    }

    @Test
    void anUnknownUserIsNotFound() {
        Reply reply = get(USERS + "/999999999");

        JsonNode problem = assertProblem(reply, Status.NOT_FOUND_404, "not-found", "Not found");
        assertEquals("No user with id 999999999.", problem.get("detail").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "0", "00", "12345678901234567890", "1.5", "1e3", "%201"})
    void anIdThatIsNotAPositiveIntegerIsABadRequest(String id) {
        Reply reply = get(USERS + "/" + id);

        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertEquals("id must be a positive integer.", problem.get("detail").asText());
    }

    @Test
    void anIdThatIsNotAPositiveIntegerIsABadRequestForEveryMethod() {
        assertProblem(put(USERS + "/abc", user("Ada", uniqueEmail("bad-id"))),
                      Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertProblem(delete(USERS + "/0"), Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
    }

    // ---- PUT /v1/users/{id} ---------------------------------------------------------------------------------

    @Test
    void replacingAUserAnswersTheNextVersion() {
        Reply created = register("Before", uniqueEmail("before"));
        String location = created.header(HeaderNames.LOCATION);
        String email = uniqueEmail("after");

        Reply reply = put(location, user(" After ", email.toUpperCase()));

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
        Reply read = get(location);
        assertEquals("\"2\"", read.header(HeaderNames.ETAG));
        assertEquals(body, read.json());
    }

    @Test
    void aUserMayKeepItsOwnEmail() {
        String email = uniqueEmail("keep");
        String location = register("Keep", email).header(HeaderNames.LOCATION);

        Reply reply = put(location, user("Kept", email));

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("Kept", reply.json().get("name").asText());
    }

    @Test
    void replacingAnUnknownUserIsNotFound() {
        assertProblem(put(USERS + "/999999998", user("Nobody", uniqueEmail("nobody"))),
                      Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @Test
    void replacingWithAnotherUsersEmailIsAConflict() {
        String taken = uniqueEmail("taken");
        register("Owner", taken);
        String location = register("Other", uniqueEmail("other")).header(HeaderNames.LOCATION);

        Reply reply = put(location, user("Other", taken.toUpperCase()));

        assertProblem(reply, Status.CONFLICT_409, "conflict", "Conflict");
        assertEquals("\"1\"", get(location).header(HeaderNames.ETAG));
    }

    @Test
    void aMatchingIfMatchReplaces() {
        String location = register("Match", uniqueEmail("match")).header(HeaderNames.LOCATION);

        Reply reply = put(location, user("Matched", uniqueEmail("matched")), "\"1\"");

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void anIfMatchOfAnyVersionReplaces() {
        String location = register("Star", uniqueEmail("star")).header(HeaderNames.LOCATION);
        put(location, user("Star 2", uniqueEmail("star")));

        Reply reply = put(location, user("Star 3", uniqueEmail("star")), "*");

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("\"3\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void aStaleIfMatchFailsThePreconditionAndChangesNothing() {
        String location = register("Stale", uniqueEmail("stale")).header(HeaderNames.LOCATION);
        JsonNode current = put(location, user("Stale 2", uniqueEmail("stale"))).json();

        Reply reply = put(location, user("Lost Update", uniqueEmail("lost")), "\"1\"");

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals(current, get(location).json());
    }

    @Test
    void anIfMatchListingTheCurrentVersionAmongOthersReplaces() {
        String location = register("List", uniqueEmail("list")).header(HeaderNames.LOCATION);

        Reply reply = put(location, user("List 2", uniqueEmail("list")), "\"5\", W/\"1\", \"1\"");

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void anIfMatchListingOnlyOtherVersionsFailsThePrecondition() {
        String location = register("Others", uniqueEmail("others")).header(HeaderNames.LOCATION);

        Reply reply = put(location, user("Others 2", uniqueEmail("others")), "\"5\", \"6\", W/\"1\"");

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals("\"1\"", get(location).header(HeaderNames.ETAG));
    }

    @Test
    void anIfMatchListOnAnUnknownUserIsNotFound() {
        assertProblem(put(USERS + "/999999996", user("Nobody", uniqueEmail("nobody")), "\"1\", \"2\""),
                      Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"W/\"1\"", "\"01x\"", "1", "\"\"", "\"99999999999999999999\""})
    void anIfMatchThatCannotMatchFailsThePrecondition(String ifMatch) {
        // Strong comparison: a weak tag never matches, not even the current version's.
        String location = register("Weak", uniqueEmail("weak")).header(HeaderNames.LOCATION);

        Reply reply = put(location, user("Weak 2", uniqueEmail("weak")), ifMatch);

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals("\"1\"", get(location).header(HeaderNames.ETAG));
    }

    @Test
    void replacingChecksTheBodyLikeRegistering() {
        String location = register("Body", uniqueEmail("body")).header(HeaderNames.LOCATION);

        assertInvalid(put(location, json("name", "", "email", "x", "version", 5)),
                      "version: is read-only", "name: must not be blank", "email: must contain exactly one @");
        assertInvalid(put(location, user("", "x")), "name: must not be blank", "email: must contain exactly one @");
        assertProblem(put(location, "[]"), Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertProblem(send(client.put(location).header(HeaderNames.CONTENT_TYPE, "text/plain"), "{}"),
                      Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type");
        assertEquals("\"1\"", get(location).header(HeaderNames.ETAG));
    }

    // ---- DELETE /v1/users/{id} ------------------------------------------------------------------------------

    @Test
    void aDeletedUserIsGoneAndItsEmailMayRegisterAgain() {
        String email = uniqueEmail("deleted");
        Reply created = register("Deleted", email);
        String location = created.header(HeaderNames.LOCATION);

        Reply reply = delete(location);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals("", reply.body());
        assertProblem(get(location), Status.NOT_FOUND_404, "not-found", "Not found");
        assertProblem(delete(location), Status.NOT_FOUND_404, "not-found", "Not found");
        Reply again = post(USERS, user("Again", email));
        assertEquals(Status.CREATED_201, again.status(), again::toString);
        assertTrue(again.json().get("id").asLong() > created.json().get("id").asLong());
    }

    @Test
    void deletingAnUnknownUserIsNotFound() {
        assertProblem(delete(USERS + "/999999997"), Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @Test
    void aStaleIfMatchKeepsTheUser() {
        String location = register("Keep Me", uniqueEmail("keep-me")).header(HeaderNames.LOCATION);
        put(location, user("Keep Me 2", uniqueEmail("keep-me")));

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "\"1\""), null);

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals(Status.OK_200, get(location).status());
    }

    @Test
    void anIfMatchListingTheCurrentVersionAmongOthersDeletes() {
        String location = register("Go List", uniqueEmail("go-list")).header(HeaderNames.LOCATION);

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "\"7\", \"1\""), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals(Status.NOT_FOUND_404, get(location).status());
    }

    @Test
    void aWeakIfMatchKeepsTheUser() {
        String location = register("Weak Delete", uniqueEmail("weak-delete")).header(HeaderNames.LOCATION);

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "W/\"1\""), null);

        assertProblem(reply, Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed");
        assertEquals(Status.OK_200, get(location).status());
    }

    @Test
    void aMatchingIfMatchDeletes() {
        String location = register("Go", uniqueEmail("go")).header(HeaderNames.LOCATION);

        Reply reply = send(client.delete(location).header(HeaderNames.IF_MATCH, "\"1\""), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals(Status.NOT_FOUND_404, get(location).status());
    }

    // ---- GET /v1/users --------------------------------------------------------------------------------------

    @Test
    void aListingIsAPageOfUsersInAscendingIdOrder() {
        register("Listed", uniqueEmail("listed"));
        register("Listed", uniqueEmail("listed"));

        Reply reply = get(USERS + "?limit=100");

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertEquals(JSON, reply.header(HeaderNames.CONTENT_TYPE));
        JsonNode page = reply.json();
        assertEquals(Set.of("items", "nextCursor"), fieldNames(page));
        assertTrue(page.get("items").isArray());
        List<Long> ids = ids(page);
        assertTrue(ids.size() >= 2);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) < ids.get(i), "not ascending: " + ids);
        }
        JsonNode first = page.get("items").get(0);
        assertEquals(Set.of("id", "name", "email", "createdAt", "updatedAt", "version"), fieldNames(first));
    }

    @Test
    void aListingHasTwentyUsersUnlessToldOtherwise() {
        for (int i = 0; i < 21; i++) {
            register("Many " + i, uniqueEmail("many"));
        }

        JsonNode page = get(USERS).json();

        assertEquals(20, page.get("items").size());
        assertTrue(page.get("nextCursor").isTextual(), page::toString);
    }

    @Test
    void theLastPageHasANullNextCursor() {
        JsonNode last = register("Last", uniqueEmail("last")).json();
        JsonNode beforeLast = get(USERS + "?limit=1&cursor=" + cursor("users:" + (last.get("id").asLong() - 1)))
                .json();

        assertEquals(List.of(last.get("id").asLong()), ids(beforeLast));
        assertTrue(beforeLast.has("nextCursor") && beforeLast.get("nextCursor").isNull(), beforeLast::toString);
    }

    @Test
    void followingNextCursorVisitsEveryUserExactlyOnce() {
        List<Long> registered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            registered.add(register("Walker " + i, uniqueEmail("walker")).json().get("id").asLong());
        }

        List<Long> seen = new ArrayList<>();
        String next = USERS + "?limit=3";
        int pages = 0;
        while (next != null) {
            Reply reply = get(next);
            assertEquals(Status.OK_200, reply.status(), reply::toString);
            JsonNode page = reply.json();
            assertTrue(page.get("items").size() <= 3);
            seen.addAll(ids(page));
            JsonNode cursor = page.get("nextCursor");
            next = cursor.isNull() ? null : USERS + "?limit=3&cursor=" + cursor.asText();
            assertTrue(++pages < 10_000, "the listing never ends");
        }

        assertEquals(seen.size(), new HashSet<>(seen).size(), "a user was listed twice: " + seen);
        assertEquals(seen.stream().sorted().toList(), seen, "not in ascending id order");
        assertTrue(seen.containsAll(registered), "a user was never listed: " + registered + " vs " + seen);
    }

    @Test
    void aCursorContinuesAfterTheLastUserOfItsPage() {
        register("Cursor", uniqueEmail("cursor"));
        register("Cursor", uniqueEmail("cursor"));
        JsonNode first = get(USERS + "?limit=1").json();

        JsonNode second = get(USERS + "?limit=1&cursor=" + first.get("nextCursor").asText()).json();

        assertTrue(ids(second).getFirst() > ids(first).getFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1", "limit=100", "limit=007"})
    void aLimitFromOneToAHundredIsAccepted(String query) {
        Reply reply = get(USERS + "?" + query);

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertTrue(reply.json().get("items").size() <= Integer.parseInt(query.substring("limit=".length())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=abc", "limit=", "limit", "limit=-1", "limit=1.5",
                            "limit=+5", "limit=99999999999", "limit=\u0661"})
    void aLimitOutsideOneToAHundredIsABadRequest(String query) {
        JsonNode problem = assertProblem(get(USERS + "?" + query),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertEquals("limit must be an integer from 1 to 100.", problem.get("detail").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "!!!!", "", "dXNlcnM6", "dXNlcnM6MA", "dXNlcnM6LTE", "dXNlcnM6YWJj",
                            "b3JkZXJzOjU"})
    void aCursorThatIsNotFromThisListingIsABadRequest(String cursor) {
        // dXNlcnM6 = "users:", dXNlcnM6MA = "users:0", dXNlcnM6LTE = "users:-1", dXNlcnM6YWJj = "users:abc",
        // b3JkZXJzOjU = "orders:5": a cursor of another listing.
        JsonNode problem = assertProblem(get(USERS + "?cursor=" + cursor),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("cursor is not valid"), problem::toString);
    }

    @Test
    void theCursorOfAnotherListingIsABadRequest() {
        assertEquals("b3JkZXJzOjU", cursor("orders:5"));

        assertProblem(get(USERS + "?cursor=" + cursor("orders:5")),
                      Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort=name", "limit=5&offset=10", "page=2", "Limit=5"})
    void anUnknownQueryParameterIsABadRequest(String query) {
        JsonNode problem = assertProblem(get(USERS + "?" + query),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("Unknown query parameter"), problem::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1&limit=2", "limit=5&limit=5", "cursor=a&cursor=b"})
    void aRepeatedQueryParameterIsABadRequest(String query) {
        JsonNode problem = assertProblem(get(USERS + "?" + query),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().contains("more than once"), problem::toString);
    }

    // ---- request bodies -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"name\":", "{\"name\" \"Ada\"}", "{'name':'Ada'}", "nope", "{\"name\":\"Ada\",}",
                            "{\"name\":\"Ada\",\"name\":\"Eve\",\"email\":\"a@b.co\"}", "{\"name\":\"Ada\"]"})
    void aBodyThatIsNotOneWellFormedJsonObjectIsABadRequest(String body) {
        JsonNode problem = assertProblem(post(USERS, body),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertFalse(problem.has("errors"), problem::toString);
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    @Test
    void contentAfterTheObjectIsABadRequest() {
        JsonNode problem = assertProblem(post(USERS, user("Ada", uniqueEmail("trailing")) + " {}"),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    @Test
    void jsonNestedTooDeepIsABadRequest() {
        JsonNode problem = assertProblem(post(USERS, "{\"a\":".repeat(1001) + "1" + "}".repeat(1001)),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("The body is not valid JSON"), problem::toString);
    }

    @Test
    void aNumberTooLongToReadIsABadRequest() {
        JsonNode problem = assertProblem(post(USERS, "{\"name\":" + "1".repeat(1001) + ",\"email\":\"a@b.co\"}"),
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
        JsonNode problem = assertProblem(post(USERS, body),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("The body must be a JSON object, not "),
                   problem::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\t "})
    void anEmptyBodyIsABadRequest(String body) {
        JsonNode problem = assertProblem(post(USERS, body),
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
        Reply reply = post(USERS, "{\"name\":5,\"email\":true}");

        assertInvalid(reply, "name: must be a string, not an integer", "email: must be a string, not a boolean");
    }

    @Test
    void fieldsOfOtherWrongJsonTypesAreNamed() {
        Reply reply = post(USERS, "{\"name\":[\"Ada\"],\"email\":{\"at\":\"example.com\"}}");

        assertInvalid(reply, "name: must be a string, not an array", "email: must be a string, not an object");
    }

    @Test
    void problemsWithTheJsonAndWithTheDetailsAreReportedTogether() {
        Reply reply = post(USERS, json("name", "   ", "email", 5, "version", 1));

        assertInvalid(reply, "version: is read-only", "email: must be a string, not an integer",
                      "name: must not be blank");
        assertEquals("3 fields are invalid", reply.json().get("detail").asText());
    }

    @Test
    void missingFieldsAreNamed() {
        assertInvalid(post(USERS, "{}"), "name: is required", "email: is required");
    }

    @Test
    void nullFieldsAreMissing() {
        assertInvalid(post(USERS, json("name", null, "email", uniqueEmail("null"))), "name: is required");
        assertInvalid(post(USERS, json("name", null, "email", "not-an-email")),
                      "name: is required", "email: must contain exactly one @");
    }

    @Test
    void unknownPropertiesAreNamed() {
        Reply reply = post(USERS, json("name", "Ada", "email", uniqueEmail("unknown"), "nickname", "Countess"));

        assertInvalid(reply, "nickname: is not a known property");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "version", "createdAt", "updatedAt"})
    void aReadOnlyPropertyIsNamed(String property) {
        Reply reply = post(USERS, json("name", "Ada", "email", uniqueEmail("ro"), property, 1));

        assertInvalid(reply, property + ": is read-only");
    }

    @Test
    void everyPropertyProblemIsReportedAtOnce() {
        Reply reply = post(USERS, json("id", 1, "name", 5, "version", 2, "color", "blue"));

        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "invalid-input", "Invalid input");
        assertEquals(Set.of("id: is read-only", "version: is read-only", "color: is not a known property",
                            "name: must be a string, not an integer", "email: is required"),
                     Set.copyOf(reply.errors()));
        assertEquals("5 fields are invalid", problem.get("detail").asText());
    }

    // ---- content type and size ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                            "application/problem+json", "application/*", "*/*",
                            "application/json; charset=ISO-8859-1"})
    void aBodyThatIsNotUtf8JsonIsAnUnsupportedMediaType(String contentType) {
        Reply reply = send(client.post(USERS).header(HeaderNames.CONTENT_TYPE, contentType),
                           user("Ada", uniqueEmail("media")));

        assertProblem(reply, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type");
    }

    @Test
    void aBodyWithoutAContentTypeIsAnUnsupportedMediaType() {
        byte[] body = user("Ada", uniqueEmail("no-type")).getBytes(StandardCharsets.UTF_8);

        Reply reply = Reply.of(client.post(USERS)
                                       .header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                                       .outputStream(out -> {
                                           out.write(body);
                                           out.close();
                                       }));

        assertProblem(reply, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type");
    }

    @Test
    void jsonDeclaredAsUtf8IsAccepted() {
        Reply reply = send(client.post(USERS).header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8"),
                           user("Utf Eight", uniqueEmail("utf8")));

        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
    }

    @Test
    void aBodyOverSixtyFourKibibytesIsTooLarge() {
        String prefix = "{\"name\":\"";
        String suffix = "\",\"email\":\"big@example.com\"}";
        String body = prefix + "x".repeat(70_000 - prefix.length() - suffix.length()) + suffix;
        assertEquals(70_000, body.getBytes(StandardCharsets.UTF_8).length);

        Reply reply = post(USERS, body);

        JsonNode problem = assertProblem(reply, Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large",
                                         "Payload too large");
        assertEquals("The body is larger than 64 KiB.", problem.get("detail").asText());
    }

    @Test
    void aChunkedBodyOverSixtyFourKibibytesIsTooLarge() {
        byte[] chunk = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);

        Reply reply = Reply.of(client.post(USERS)
                                       .header(HeaderNames.CONTENT_TYPE, JSON)
                                       .outputStream(out -> {
                                           for (int i = 0; i < 7; i++) {
                                               out.write(chunk);
                                           }
                                           out.close();
                                       }));

        assertProblem(reply, Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large", "Payload too large");
    }

    // ---- routes and methods ---------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/v1/nope", "/v1/users/1/x", "/v2/users", "/"})
    void anUnknownRouteIsNotFound(String path) {
        assertProblem(get(path), Status.NOT_FOUND_404, "not-found", "Not found");
    }

    @Test
    void anUnsupportedMethodOnAUserIsNotAllowed() {
        String location = register("Patch", uniqueEmail("patch")).header(HeaderNames.LOCATION);

        Reply reply = send(client.method(Method.PATCH).uri(location).header(HeaderNames.CONTENT_TYPE, JSON),
                           json("name", "Patched"));

        assertProblem(reply, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed");
        assertEquals("GET, PUT, DELETE", reply.header(ALLOW));
        assertEquals("Patch", get(location).json().get("name").asText());
    }

    @Test
    void anUnsupportedMethodOnTheCollectionIsNotAllowed() {
        Reply delete = delete(USERS);
        Reply put = put(USERS, user("Ada", uniqueEmail("put-all")));

        assertProblem(delete, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed");
        assertEquals("GET, POST", delete.header(ALLOW));
        assertProblem(put, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed");
        assertEquals("GET, POST", put.header(ALLOW));
    }

    @Test
    void optionsOnTheCollectionListsItsMethods() {
        Reply reply = send(client.method(Method.OPTIONS).uri(USERS), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals("GET, POST", reply.header(ALLOW));
        assertEquals("", reply.body());
    }

    @Test
    void optionsOnAUserListsItsMethods() {
        Reply reply = send(client.method(Method.OPTIONS).uri(USERS + "/1"), null);

        assertEquals(Status.NO_CONTENT_204, reply.status(), reply::toString);
        assertEquals("GET, PUT, DELETE", reply.header(ALLOW));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private Reply register(String name, String email) {
        Reply reply = post(USERS, user(name, email));
        assertEquals(Status.CREATED_201, reply.status(), reply::toString);
        return reply;
    }

    // The client takes a string as a path and would encode its '?', so a query is split into parameters here.
    private Reply get(String uri) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return send(client.get(uri), null);
        }
        Http1ClientRequest request = client.get(uri.substring(0, question));
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : uri.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(equals < 0 ? "" : pair.substring(equals + 1));
        }
        query.forEach((name, values) -> request.queryParam(name, values.toArray(String[]::new)));
        return send(request, null);
    }

    private Reply delete(String uri) {
        return send(client.delete(uri), null);
    }

    private Reply post(String uri, String body) {
        return send(client.post(uri).header(HeaderNames.CONTENT_TYPE, JSON), body);
    }

    private Reply put(String uri, String body) {
        return send(client.put(uri).header(HeaderNames.CONTENT_TYPE, JSON), body);
    }

    private Reply put(String uri, String body, String ifMatch) {
        return send(client.put(uri).header(HeaderNames.CONTENT_TYPE, JSON).header(HeaderNames.IF_MATCH, ifMatch),
                    body);
    }

    private static Reply send(Http1ClientRequest request, String body) {
        return Reply.of(body == null ? request.request() : request.submit(body));
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Checks a problem response: its status, media type, the RFC 9457 members, that it is not cached, and that it
     * leaks nothing of the server's insides.
     */
    private static JsonNode assertProblem(Reply reply, Status status, String type, String title) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(PROBLEM_JSON, reply.header(HeaderNames.CONTENT_TYPE), reply::toString);
        assertEquals("no-store", reply.header(HeaderNames.CACHE_CONTROL), reply::toString);
        assertLeaksNothing(reply.body());
        JsonNode problem = reply.json();
        assertEquals("urn:cleave:problem:" + type, problem.path("type").asText(), reply::toString);
        assertEquals(title, problem.path("title").asText(), reply::toString);
        assertTrue(problem.path("status").isInt(), reply::toString);
        assertEquals(status.code(), problem.path("status").asInt(), reply::toString);
        assertTrue(problem.path("detail").isTextual() && !problem.path("detail").asText().isBlank(),
                   reply::toString);
        return problem;
    }

    private static void assertInvalid(Reply reply, String... errors) {
        JsonNode problem = assertProblem(reply, Status.BAD_REQUEST_400, "invalid-input", "Invalid input");
        assertEquals(List.of(errors), reply.errors(), reply::toString);
        for (JsonNode error : problem.get("errors")) {
            assertEquals(Set.of("field", "message"), fieldNames(error));
        }
    }

    private static final List<String> INTERNALS = List.of(
            "dev.cleave", "Exception", "java.", "javax.", "jdk.", "io.helidon", "com.fasterxml", "com.zaxxer",
            "org.h2", "org.flyway", "\tat ", "Caused by", ".java:", "SQL", "INSERT INTO", "DELETE FROM",
            "UPDATE users", "SELECT ", "users_email", "CONSTRAINT", "jdbc:", "StreamReadConstraints");

    private static void assertLeaksNothing(String body) {
        assertNotNull(body);
        for (String internal : INTERNALS) {
            if (body.contains(internal)) {
                fail("the response leaks '" + internal + "': " + body);
            }
        }
    }
}
