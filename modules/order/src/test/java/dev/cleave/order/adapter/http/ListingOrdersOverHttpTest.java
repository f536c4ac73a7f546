package dev.cleave.order.adapter.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertMalformed;
import static dev.cleave.order.adapter.http.OrderApiFixture.cancel;
import static dev.cleave.order.adapter.http.OrderApiFixture.ids;
import static dev.cleave.order.adapter.http.OrderApiFixture.list;
import static dev.cleave.order.adapter.http.OrderApiFixture.placed;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/orders}: pages of orders newest first, optionally of one user, continued by an opaque cursor; any
 * query it does not understand is a 400.
 */
class ListingOrdersOverHttpTest extends OrderApiRoutingTest {
    ListingOrdersOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void aUsersOrdersAreListedNewestFirstAndNoOneElses() {
        long user = USERS.register();
        long other = USERS.register();
        List<JsonNode> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(placed(client, anOrder(user)));
            placed(client, anOrder(other));
        }

        JsonNode page = assertJson(list(client, "userId", Long.toString(user)), Status.OK_200);

        assertEquals(Set.of("items", "nextCursor"), fieldNames(page));
        assertEquals(List.of(mine.get(2), mine.get(1), mine.get(0)), elements(page.path("items")));
        assertTrue(page.path("nextCursor").isNull(), page.toString());
    }

    @Test
    void cancelledOrdersAreListedAsCancelled() {
        long user = USERS.register();
        long id = placed(client, anOrder(user)).path("id").asLong();
        JsonNode cancelled = assertJson(cancel(client, id), Status.OK_200);

        JsonNode page = assertJson(list(client, "userId", Long.toString(user)), Status.OK_200);

        assertEquals(List.of(cancelled), elements(page.path("items")));
    }

    @Test
    void aUserWithoutOrdersHasAnEmptyPage() {
        for (long user : List.of(USERS.register(), USERS.unknown())) {
            JsonNode page = assertJson(list(client, "userId", Long.toString(user)), Status.OK_200);

            assertEquals(0, page.path("items").size(), page.toString());
            assertTrue(page.path("items").isArray(), page.toString());
            assertTrue(page.path("nextCursor").isNull(), page.toString());
        }
    }

    @Test
    void aPageHoldsTwentyOrdersUnlessTheClientSaysOtherwise() {
        long user = USERS.register();
        List<Long> placed = place(user, 21);

        JsonNode first = assertJson(list(client, "userId", Long.toString(user)), Status.OK_200);
        JsonNode second = assertJson(list(client, "userId", Long.toString(user),
                                          "cursor", first.path("nextCursor").textValue()), Status.OK_200);

        assertEquals(placed.reversed().subList(0, 20), ids(first.path("items")));
        assertTrue(first.path("nextCursor").isTextual(), first.toString());
        assertEquals(List.of(placed.getFirst()), ids(second.path("items")));
        assertTrue(second.path("nextCursor").isNull(), second.toString());
    }

    @Test
    void followingNextCursorVisitsEveryOrderOfAUserExactlyOnce() {
        long user = USERS.register();
        List<Long> placed = place(user, 7);
        place(USERS.register(), 3);

        List<Long> visited = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = assertJson(cursor == null
                                               ? list(client, "userId", Long.toString(user), "limit", "3")
                                               : list(client, "userId", Long.toString(user), "limit", "3",
                                                      "cursor", cursor), Status.OK_200);
            visited.addAll(ids(page.path("items")));
            pageSizes.add(page.path("items").size());
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").textValue();
        } while (cursor != null);

        assertEquals(placed.reversed(), visited);
        assertEquals(List.of(3, 3, 1), pageSizes);
    }

    @Test
    void followingNextCursorOverAllOrdersVisitsEachOnceNewestFirst() {
        Set<Long> placedHere = new HashSet<>(place(USERS.register(), 4));
        placedHere.addAll(place(USERS.register(), 3));

        List<Long> visited = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = assertJson(cursor == null ? list(client, "limit", "2")
                                                      : list(client, "limit", "2", "cursor", cursor), Status.OK_200);
            assertTrue(page.path("items").size() <= 2, page.toString());
            visited.addAll(ids(page.path("items")));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").textValue();
            pages++;
        } while (cursor != null && pages < 10_000);

        assertEquals(visited.size(), new HashSet<>(visited).size(), "an order listed twice: " + visited);
        assertEquals(visited.stream().sorted((a, b) -> Long.compare(b, a)).toList(), visited, "newest first");
        assertTrue(visited.containsAll(placedHere), "every order listed: " + visited);
    }

    @Test
    void theNewestOrderComesFirstInTheUnfilteredListing() {
        long newest = placed(client, anOrder(USERS.register())).path("id").asLong();

        JsonNode page = assertJson(list(client, "limit", "1"), Status.OK_200);

        assertEquals(List.of(newest), ids(page.path("items")));
        assertTrue(page.path("nextCursor").isTextual(), page.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "7", "100"})
    void aLimitFromOneToAHundredIsAccepted(String limit) {
        long user = USERS.register();
        place(user, 8);

        JsonNode page = assertJson(list(client, "userId", Long.toString(user), "limit", limit), Status.OK_200);

        assertEquals(Math.min(8, Integer.parseInt(limit)), page.path("items").size());
        assertEquals(Integer.parseInt(limit) < 8, page.path("nextCursor").isTextual(), page.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "1000", "-1", "abc", "", "1.5", "+5", " 5", "0x10", "99999999999", "\u0663"})
    void anyOtherLimitIsABadRequest(String limit) {
        JsonNode problem = assertMalformed(list(client, "limit", limit));

        assertEquals("limit must be an integer from 1 to 100.", problem.path("detail").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "", "1.5", "1e3", "99999999999999999999"})
    void aUserIdThatIsNotAPositiveIntegerIsABadRequest(String userId) {
        JsonNode problem = assertMalformed(list(client, "userId", userId));

        assertEquals("userId must be a positive integer.", problem.path("detail").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage!", "", "%%%", "b3JkZXJzOjI=x", "users:5", "orders:5"})
    void aCursorThatNoListingGaveIsABadRequest(String cursor) {
        assertCursorRefused(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"users:5", "orders:abc", "orders:0", "orders:-3", "orders:", "orders", ":5",
                            "orders:5:6", "orders:99999999999999999999"})
    void aCursorThatEncodesAnythingButAnOrderIdIsABadRequest(String content) {
        assertCursorRefused(Base64.getUrlEncoder().withoutPadding()
                                    .encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page", "userid", "sort", "offset", "user_id"})
    void anUnknownQueryParameterIsABadRequest(String name) {
        JsonNode problem = assertMalformed(list(client, name, "1"));

        assertTrue(problem.path("detail").textValue().startsWith("Unknown query parameter"), problem.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"userId", "limit", "cursor"})
    void aRepeatedQueryParameterIsABadRequest(String name) {
        String value = name.equals("cursor") ? cursorAfter(1_000) : "1";

        JsonNode problem = assertMalformed(send(client.get(ORDERS).queryParam(name, value, value)));

        assertEquals("Query parameter '" + name + "' is given more than once.", problem.path("detail").textValue());
    }

    @Test
    void aValidCursorIsAcceptedWithAnyFilter() {
        long user = USERS.register();
        List<Long> placed = place(user, 3);

        JsonNode page = assertJson(list(client, "userId", Long.toString(user), "cursor", cursorAfter(placed.get(2))),
                                   Status.OK_200);

        assertEquals(List.of(placed.get(1), placed.get(0)), ids(page.path("items")));
    }

    @Test
    void theListingAnswersWithATrailingSlashToo() {
        long user = USERS.register();
        long id = placed(client, anOrder(user)).path("id").asLong();

        JsonNode page = assertJson(send(client.get(ORDERS + "/").queryParam("userId", Long.toString(user))),
                                   Status.OK_200);

        assertEquals(List.of(id), ids(page.path("items")));
    }

    private void assertCursorRefused(String cursor) {
        JsonNode problem = assertMalformed(list(client, "cursor", cursor));

        assertEquals("cursor is not valid; use a nextCursor value from this listing.",
                     problem.path("detail").textValue());
    }

    // What the API hands out: the listing's name and the last id, base64url without padding.
    private static String cursorAfter(long id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("orders:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private List<Long> place(long user, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(placed(client, anOrder(user)).path("id").asLong());
        }
        return ids;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
