package dev.cleave.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract, black-box over real HTTP. Each topology runs the same cases by extending this class and saying where
 * the API is; the order context's outbox is on a throwaway PostgreSQL database in each, where the effects of events
 * are counted. Cases create their own data with unique emails, so their order does not matter. They act as an
 * admin; who else may do what is {@link OwnershipContract}'s matrix, and the order API's v2 beside its deprecated v1
 * is {@link OrdersV2Contract}'s, which each topology runs too.
 */
abstract class ContractSuite extends OrdersV2Contract {
    private static final Pattern RFC_3339_UTC =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final Pattern LEAK = Pattern.compile(
            "(?i)(exception|\\bat [a-z]+\\.|dev\\.cleave|java\\.|jdbc|select |insert into|update .* set|h2|sql)");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();


    // ---- users -------------------------------------------------------------------------------------------------

    @Test
    void registeringAUserReturnsItWithLocationAndETag() {
        String email = uniqueEmail();
        Api.Reply reply = api().postJson("/v1/users",
                                         "{\"name\":\"  Ada Lovelace \",\"email\":\"" + email.toUpperCase() + "\"}");

        assertEquals(201, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        JsonNode user = reply.json();
        long id = user.get("id").asLong();
        assertTrue(id > 0);
        assertEquals("Ada Lovelace", user.get("name").asText());
        assertEquals(email, user.get("email").asText());
        assertEquals(1, user.get("version").asLong());
        assertTrue(RFC_3339_UTC.matcher(user.get("createdAt").asText()).matches(), user.toString());
        assertTrue(RFC_3339_UTC.matcher(user.get("updatedAt").asText()).matches(), user.toString());
        assertEquals("/v1/users/" + id, reply.header("Location").orElseThrow());
        assertEquals("\"1\"", reply.header("ETag").orElseThrow());
    }

    @Test
    void readingAUserReturnsItWithItsETag() {
        JsonNode user = registerUser();
        Api.Reply reply = api().get("/v1/users/" + user.get("id").asLong());

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(user, reply.json());
        assertEquals("\"1\"", reply.header("ETag").orElseThrow());
    }

    @Test
    void readingAnUnknownOrMalformedUserIdIsNotFoundOrBadRequest() {
        assertProblem(api().get("/v1/users/999999999"), 404);
        assertProblem(api().get("/v1/users/abc"), 400);
        assertProblem(api().get("/v1/users/-4"), 400);
        assertProblem(api().get("/v1/users/99999999999999999999999"), 400);
    }

    @Test
    void replacingAUserBumpsItsVersionAndHonoursIfMatch() {
        JsonNode user = registerUser();
        String path = "/v1/users/" + user.get("id").asLong();
        String newEmail = uniqueEmail();

        Api.Reply stale = api().putJson(path, "{\"name\":\"X\",\"email\":\"" + newEmail + "\"}", "If-Match", "\"7\"");
        assertProblem(stale, 412);

        Api.Reply replaced = api().putJson(path, "{\"name\":\"Grace\",\"email\":\"" + newEmail + "\"}",
                                           "If-Match", "\"1\"");
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals(2, replaced.json().get("version").asLong());
        assertEquals("Grace", replaced.json().get("name").asText());
        assertEquals("\"2\"", replaced.header("ETag").orElseThrow());

        Api.Reply again = api().putJson(path, "{\"name\":\"Grace H\",\"email\":\"" + newEmail + "\"}");
        assertEquals(200, again.status(), again::toString);
        assertEquals(3, again.json().get("version").asLong());
    }

    @Test
    void replacingAUserWithAnotherUsersEmailConflicts() {
        JsonNode first = registerUser();
        JsonNode second = registerUser();
        Api.Reply reply = api().putJson("/v1/users/" + second.get("id").asLong(),
                                        "{\"name\":\"B\",\"email\":\"" + first.get("email").asText() + "\"}");
        assertProblem(reply, 409);
        assertProblem(api().putJson("/v1/users/999999999", "{\"name\":\"B\",\"email\":\"" + uniqueEmail() + "\"}"),
                      404);
    }

    @Test
    void registeringATakenEmailConflictsWhateverItsCase() {
        JsonNode user = registerUser();
        Api.Reply reply = api().postJson("/v1/users", "{\"name\":\"Copy\",\"email\":\""
                                                      + user.get("email").asText().toUpperCase() + "\"}");
        assertProblem(reply, 409);
    }

    @Test
    void deletingAUserMakesItGoneAndFreesItsEmail() {
        JsonNode user = registerUser();
        String path = "/v1/users/" + user.get("id").asLong();

        assertEquals(204, api().delete(path).status());
        assertProblem(api().get(path), 404);
        assertProblem(api().delete(path), 404);
        assertProblem(api().putJson(path, "{\"name\":\"Z\",\"email\":\"" + uniqueEmail() + "\"}"), 404);

        Api.Reply again = api().postJson("/v1/users", "{\"name\":\"Again\",\"email\":\""
                                                      + user.get("email").asText() + "\"}");
        assertEquals(201, again.status(), again::toString);
    }

    @Test
    void followingNextCursorVisitsEveryUserExactlyOnceInIdOrder() {
        Set<Long> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(registerUser().get("id").asLong());
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = api().get("/v1/users?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page::toString);
            JsonNode body = page.json();
            assertTrue(body.get("items").size() <= 3);
            body.get("items").forEach(item -> seen.add(item.get("id").asLong()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
        } while (cursor != null);

        assertEquals(seen.size(), new HashSet<>(seen).size(), "no user twice");
        assertTrue(seen.containsAll(created), "every user once");
        assertEquals(seen.stream().sorted().toList(), seen, "ascending ids");
    }

    @Test
    void registeringOneEmailSixteenTimesAtOnceCreatesExactlyOneUser() throws Exception {
        String email = uniqueEmail();
        int racers = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            attempts.add(() -> {
                start.await();
                return api().postJson("/v1/users", "{\"name\":\"Racer\",\"email\":\"" + email + "\"}").status();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Integer>> results = attempts.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        }
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertEquals(racers - 1, statuses.stream().filter(s -> s == 409).count(), statuses::toString);
    }

    // ---- orders ------------------------------------------------------------------------------------------------

    @Test
    void placingAnOrderKeepsItsItemsAndTheExactTotal() {
        long userId = registerUser().get("id").asLong();
        Api.Reply reply = api().postJson("/v1/orders", "{\"userId\":" + userId + ",\"items\":["
                + "{\"sku\":\"BOOK-1\",\"quantity\":3,\"unitPriceCents\":1999},"
                + "{\"sku\":\"pen_2\",\"quantity\":1000,\"unitPriceCents\":100000000}]}");

        assertEquals(201, reply.status(), reply::toString);
        JsonNode order = reply.json();
        long id = order.get("id").asLong();
        assertEquals("/v1/orders/" + id, reply.header("Location").orElseThrow());
        assertEquals(userId, order.get("userId").asLong());
        assertEquals("PLACED", order.get("status").asText());
        assertEquals(3 * 1999L + 1000L * 100_000_000L, order.get("totalCents").asLong());
        assertEquals(2, order.get("items").size());
        assertEquals("BOOK-1", order.get("items").get(0).get("sku").asText());
        assertEquals(1, order.get("version").asLong());
        assertTrue(RFC_3339_UTC.matcher(order.get("createdAt").asText()).matches(), order.toString());

        Api.Reply read = api().get("/v1/orders/" + id);
        assertEquals(200, read.status());
        assertEquals(order, read.json());
    }

    @Test
    void placingAnOrderForAUserWhoDoesNotExistIsUnprocessable() {
        assertProblem(api().postJson("/v1/orders", order(999_999_999L)), 422);

        JsonNode deleted = registerUser();
        api().delete("/v1/users/" + deleted.get("id").asLong());
        assertProblem(api().postJson("/v1/orders", order(deleted.get("id").asLong())), 422);
    }

    @Test
    void cancellingAnOrderOnceSucceedsAndTwiceConflicts() {
        long orderId = placeOrder(registerUser().get("id").asLong()).get("id").asLong();

        Api.Reply cancelled = api().send("POST", "/v1/orders/" + orderId + "/cancel", null, null);
        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("CANCELLED", cancelled.json().get("status").asText());
        assertEquals(2, cancelled.json().get("version").asLong());

        assertProblem(api().send("POST", "/v1/orders/" + orderId + "/cancel", null, null), 409);
        assertProblem(api().send("POST", "/v1/orders/999999999/cancel", null, null), 404);
        assertEquals("CANCELLED", api().get("/v1/orders/" + orderId).json().get("status").asText());
    }

    @Test
    void listingAUsersOrdersShowsOnlyTheirsNewestFirstAcrossPages() {
        long userId = registerUser().get("id").asLong();
        long otherId = registerUser().get("id").asLong();
        List<Long> placed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            placed.add(placeOrder(userId).get("id").asLong());
            placeOrder(otherId);
        }
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        do {
            Api.Reply page = api().get("/v1/orders?userId=" + userId + "&limit=2"
                                       + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page::toString);
            page.json().get("items").forEach(item -> {
                assertEquals(userId, item.get("userId").asLong());
                seen.add(item.get("id").asLong());
            });
            JsonNode next = page.json().get("nextCursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);

        assertEquals(placed.reversed(), seen);
        Api.Reply none = api().get("/v1/orders?userId=999999999");
        assertEquals(200, none.status());
        assertEquals(0, none.json().get("items").size());
        assertTrue(none.json().get("nextCursor").isNull());
    }

    @Test
    void listingAllOrdersIsNewestFirst() {
        long userId = registerUser().get("id").asLong();
        long first = placeOrder(userId).get("id").asLong();
        long second = placeOrder(userId).get("id").asLong();
        JsonNode items = api().get("/v1/orders?limit=100").json().get("items");
        List<Long> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asLong()));
        assertTrue(ids.indexOf(second) < ids.indexOf(first), ids::toString);
        assertEquals(ids.stream().sorted((a, b) -> Long.compare(b, a)).toList(), ids);
    }

    // ---- events between contexts ------------------------------------------------------------------------------

    @Test
    void deletingAUserCancelsTheirPlacedOrdersAndLeavesCancelledOnesAlone() {
        long userId = registerUser().get("id").asLong();
        long first = placeOrder(userId).get("id").asLong();
        long second = placeOrder(userId).get("id").asLong();
        long cancelledEarlier = placeOrder(userId).get("id").asLong();
        assertEquals(200, api().send("POST", "/v1/orders/" + cancelledEarlier + "/cancel", null, null).status());

        assertEquals(204, api().delete("/v1/users/" + userId).status());

        for (long id : List.of(first, second)) {
            orderOutbox().awaitCancelledOnceForDeletedUser(api(), id);
        }
        JsonNode untouched = api().get("/v1/orders/" + cancelledEarlier).json();
        assertEquals("CUSTOMER_REQUEST", untouched.get("cancellationReason").asText());
        assertEquals(2, untouched.get("version").asLong(), untouched::toString);
        assertEquals(1, orderOutbox().published("OrderCancelled", cancelledEarlier), "cancelled once, by the customer");
    }

    // ---- safe retries ------------------------------------------------------------------------------------------

    @Test
    void retryingARegistrationWithItsIdempotencyKeyReplaysItAndCreatesNothing() {
        String key = "register-" + uniqueEmail();
        String email = uniqueEmail();
        Api.Reply first = api().postJson("/v1/users", "{\"name\":\"Once\",\"email\":\"" + email + "\"}",
                                         "Idempotency-Key", key);
        Api.Reply retry = api().postJson("/v1/users", "{ \"email\": \"" + email + "\", \"name\": \"Once\" }",
                                         "Idempotency-Key", key);

        assertEquals(201, first.status(), first::toString);
        assertEquals(201, retry.status(), retry::toString);
        assertEquals(first.json(), retry.json());
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        assertProblem(api().postJson("/v1/users", "{\"name\":\"Once\",\"email\":\"" + email + "\"}"), 409);
    }

    @Test
    void reusingAnIdempotencyKeyForAnotherBodyIsUnprocessable() {
        String key = "order-" + uniqueEmail();
        long userId = registerUser().get("id").asLong();
        assertEquals(201, api().postJson("/v1/orders", order(userId), "Idempotency-Key", key).status());

        String other = "{\"userId\":" + userId + ",\"items\":[{\"sku\":\"OTHER\",\"quantity\":1,"
                       + "\"unitPriceCents\":1}]}";
        assertProblem(api().postJson("/v1/orders", other, "Idempotency-Key", key), 422);
        assertProblem(api().postJson("/v1/orders", order(userId), "Idempotency-Key", "bad key with spaces"), 400);
    }

    @Test
    void concurrentRetriesOfOneOrderCreateItOnce() throws Exception {
        long userId = registerUser().get("id").asLong();
        String key = "order-race-" + uniqueEmail();
        List<Callable<Api.Reply>> attempts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            attempts.add(() -> {
                start.await();
                return api().postJson("/v1/orders", order(userId), "Idempotency-Key", key);
            });
        }
        Set<Long> ids = new HashSet<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts.size())) {
            List<Future<Api.Reply>> replies = attempts.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Api.Reply> reply : replies) {
                assertEquals(201, reply.get().status(), () -> reply.resultNow().toString());
                ids.add(reply.get().json().get("id").asLong());
            }
        }
        assertEquals(1, ids.size(), ids::toString);
        assertEquals(1, api().get("/v1/orders?userId=" + userId).json().get("items").size());
    }

    // ---- client mistakes ---------------------------------------------------------------------------------------

    @Test
    void malformedOrMistypedBodiesAreBadRequestsNamingTheFields() {
        assertProblem(api().postJson("/v1/users", "{\"name\":"), 400);
        assertProblem(api().postJson("/v1/users", "[1,2]"), 400);
        assertProblem(api().postJson("/v1/users", ""), 400);
        assertProblem(api().postJson("/v1/users", "{\"name\":\"A\",\"email\":\"a@b.co\"} trailing"), 400);

        JsonNode mistyped = assertProblem(api().postJson("/v1/users", "{\"name\":5,\"email\":true}"), 400);
        assertEquals(Set.of("name", "email"), fields(mistyped));

        JsonNode extra = assertProblem(api().postJson("/v1/users",
                "{\"name\":\"A\",\"email\":\"" + uniqueEmail() + "\",\"id\":4,\"admin\":true}"), 400);
        assertEquals(Set.of("id", "admin"), fields(extra));

        JsonNode invalid = assertProblem(api().postJson("/v1/users", "{\"name\":\"   \",\"email\":\"no-at-sign\"}"),
                                         400);
        assertEquals(Set.of("name", "email"), fields(invalid));

        JsonNode missing = assertProblem(api().postJson("/v1/orders", "{}"), 400);
        assertEquals(Set.of("userId", "items"), fields(missing));

        JsonNode badItems = assertProblem(api().postJson("/v1/orders", "{\"userId\":1,\"items\":["
                + "{\"sku\":\"bad sku\",\"quantity\":0,\"unitPriceCents\":100000001}]}"), 400);
        assertEquals(Set.of("items[0].sku", "items[0].quantity", "items[0].unitPriceCents"), fields(badItems));

        JsonNode wrongTypes = assertProblem(api().postJson("/v1/orders",
                "{\"userId\":\"1\",\"items\":[{\"sku\":\"A\",\"quantity\":1.5,\"unitPriceCents\":\"9\"}]}"), 400);
        assertEquals(Set.of("userId", "items[0].quantity", "items[0].unitPriceCents"), fields(wrongTypes));

        assertProblem(api().postJson("/v1/orders", "{\"userId\":1,\"items\":[]}"), 400);
    }

    @Test
    void badQueryParametersAreBadRequests() {
        assertProblem(api().get("/v1/users?limit=0"), 400);
        assertProblem(api().get("/v1/users?limit=101"), 400);
        assertProblem(api().get("/v1/users?limit=ten"), 400);
        assertProblem(api().get("/v1/users?cursor=not-a-cursor"), 400);
        assertProblem(api().get("/v1/users?color=red"), 400);
        assertProblem(api().get("/v1/orders?userId=abc"), 400);
        assertProblem(api().get("/v1/orders?limit=5&limit=6"), 400);
    }

    @Test
    void wrongMethodsUnknownRoutesAndWrongMediaAreAnsweredAsProblems() {
        Api.Reply patch = api().send("PATCH", "/v1/users/1", "{}", "application/json");
        assertProblem(patch, 405);
        assertEquals("GET, PUT, DELETE", patch.header("Allow").orElseThrow());
        assertProblem(api().send("DELETE", "/v1/orders", null, null), 405);

        assertProblem(api().get("/v1/nothing-here"), 404);
        assertProblem(api().get("/v2/users"), 404);

        assertProblem(api().send("POST", "/v1/users", "name=Ada", "application/x-www-form-urlencoded"), 415);
        assertProblem(api().send("POST", "/v1/orders", "{}", "text/plain"), 415);

        String huge = "{\"name\":\"" + "x".repeat(70_000) + "\",\"email\":\"a@b.co\"}";
        assertProblem(api().postJson("/v1/users", huge), 413);
    }

    @Test
    void healthIsReported() {
        Api.Reply health = api().get("/observe/health");
        assertEquals(200, health.status(), health::toString);
        assertEquals("UP", health.json().get("status").asText());
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    JsonNode registerUser() {
        Api.Reply reply = api().postJson("/v1/users", "{\"name\":\"Test User\",\"email\":\"" + uniqueEmail() + "\"}");
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    JsonNode placeOrder(long userId) {
        Api.Reply reply = api().postJson("/v1/orders", order(userId));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    static String order(long userId) {
        return "{\"userId\":" + userId + ",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPriceCents\":250}]}";
    }

    static String uniqueEmail() {
        return "user-" + RUN + "-" + SEQUENCE.incrementAndGet() + "@example.com";
    }

    /**
     * Asserts a reply is a problem with the given status that leaks nothing, and returns its body.
     */
    static JsonNode assertProblem(Api.Reply reply, int status) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonNode problem = reply.json();
        assertNotNull(problem.get("type"), reply::toString);
        assertNotNull(problem.get("title"), reply::toString);
        assertNotNull(problem.get("detail"), reply::toString);
        assertEquals(status, problem.get("status").asInt());
        assertFalse(LEAK.matcher(reply.body()).find(), () -> "leaks internals: " + reply.body());
        return problem;
    }

    private static Set<String> fields(JsonNode problem) {
        Set<String> fields = new HashSet<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }
}
