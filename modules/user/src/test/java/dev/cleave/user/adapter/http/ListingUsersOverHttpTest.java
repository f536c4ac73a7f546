package dev.cleave.user.adapter.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
import static dev.cleave.user.adapter.http.UserApiFixture.assertProblem;
import static dev.cleave.user.adapter.http.UserApiFixture.cursor;
import static dev.cleave.user.adapter.http.UserApiFixture.fieldNames;
import static dev.cleave.user.adapter.http.UserApiFixture.get;
import static dev.cleave.user.adapter.http.UserApiFixture.ids;
import static dev.cleave.user.adapter.http.UserApiFixture.register;
import static dev.cleave.user.adapter.http.UserApiFixture.uniqueEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/users}: pages of users in ascending id order, twenty unless {@code limit} says 1 to 100,
 * continued by an opaque cursor until {@code nextCursor} is null; a limit out of range, a cursor not from this
 * listing, an unknown or a repeated query parameter is a 400.
 */
class ListingUsersOverHttpTest extends UserApiRoutingTest {
    ListingUsersOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void aListingIsAPageOfUsersInAscendingIdOrder() {
        register(client, "Listed", uniqueEmail("listed"));
        register(client, "Listed", uniqueEmail("listed"));

        Reply reply = get(client, USERS + "?limit=100");

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
        assertEquals(Set.of("id", "name", "email", "owner", "createdAt", "updatedAt", "version"), fieldNames(first));
    }

    @Test
    void aListingHasTwentyUsersUnlessToldOtherwise() {
        for (int i = 0; i < 21; i++) {
            register(client, "Many " + i, uniqueEmail("many"));
        }

        JsonNode page = get(client, USERS).json();

        assertEquals(20, page.get("items").size());
        assertTrue(page.get("nextCursor").isTextual(), page::toString);
    }

    @Test
    void theLastPageHasANullNextCursor() {
        JsonNode last = register(client, "Last", uniqueEmail("last")).json();
        JsonNode beforeLast = get(client, USERS + "?limit=1&cursor=" + cursor("users:" + (last.get("id").asLong() - 1)))
                .json();

        assertEquals(List.of(last.get("id").asLong()), ids(beforeLast));
        assertTrue(beforeLast.has("nextCursor") && beforeLast.get("nextCursor").isNull(), beforeLast::toString);
    }

    @Test
    void followingNextCursorVisitsEveryUserExactlyOnce() {
        List<Long> registered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            registered.add(register(client, "Walker " + i, uniqueEmail("walker")).json().get("id").asLong());
        }

        List<Long> seen = new ArrayList<>();
        String next = USERS + "?limit=3";
        int pages = 0;
        while (next != null) {
            Reply reply = get(client, next);
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
        register(client, "Cursor", uniqueEmail("cursor"));
        register(client, "Cursor", uniqueEmail("cursor"));
        JsonNode first = get(client, USERS + "?limit=1").json();

        JsonNode second = get(client, USERS + "?limit=1&cursor=" + first.get("nextCursor").asText()).json();

        assertTrue(ids(second).getFirst() > ids(first).getFirst());
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1", "limit=100", "limit=007"})
    void aLimitFromOneToAHundredIsAccepted(String query) {
        Reply reply = get(client, USERS + "?" + query);

        assertEquals(Status.OK_200, reply.status(), reply::toString);
        assertTrue(reply.json().get("items").size() <= Integer.parseInt(query.substring("limit=".length())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=abc", "limit=", "limit", "limit=-1", "limit=1.5",
                            "limit=+5", "limit=99999999999", "limit=\u0661"})
    void aLimitOutsideOneToAHundredIsABadRequest(String query) {
        JsonNode problem = assertProblem(get(client, USERS + "?" + query),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertEquals("limit must be an integer from 1 to 100.", problem.get("detail").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "!!!!", "", "dXNlcnM6", "dXNlcnM6MA", "dXNlcnM6LTE", "dXNlcnM6YWJj",
                            "b3JkZXJzOjU"})
    void aCursorThatIsNotFromThisListingIsABadRequest(String cursor) {
        // dXNlcnM6 = "users:", dXNlcnM6MA = "users:0", dXNlcnM6LTE = "users:-1", dXNlcnM6YWJj = "users:abc",
        // b3JkZXJzOjU = "orders:5": a cursor of another listing.
        JsonNode problem = assertProblem(get(client, USERS + "?cursor=" + cursor),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("cursor is not valid"), problem::toString);
    }

    @Test
    void theCursorOfAnotherListingIsABadRequest() {
        assertEquals("b3JkZXJzOjU", cursor("orders:5"));

        assertProblem(get(client, USERS + "?cursor=" + cursor("orders:5")),
                      Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sort=name", "limit=5&offset=10", "page=2", "Limit=5"})
    void anUnknownQueryParameterIsABadRequest(String query) {
        JsonNode problem = assertProblem(get(client, USERS + "?" + query),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().startsWith("Unknown query parameter"), problem::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=1&limit=2", "limit=5&limit=5", "cursor=a&cursor=b"})
    void aRepeatedQueryParameterIsABadRequest(String query) {
        JsonNode problem = assertProblem(get(client, USERS + "?" + query),
                                         Status.BAD_REQUEST_400, "malformed-request", "Malformed request");
        assertTrue(problem.get("detail").asText().contains("more than once"), problem::toString);
    }
}
