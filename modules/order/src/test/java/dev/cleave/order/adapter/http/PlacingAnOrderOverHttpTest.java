package dev.cleave.order.adapter.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertNoOrdersOf;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.get;
import static dev.cleave.order.adapter.http.OrderApiFixture.item;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.place;
import static dev.cleave.order.adapter.http.OrderApiFixture.placed;
import static dev.cleave.order.adapter.http.OrderApiFixture.reply;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/orders}: 201 for a current user, 422 for a user the user context does not know, 503 while it
 * cannot answer, 415 for anything but JSON, 413 past 64 KiB.
 */
class PlacingAnOrderOverHttpTest extends OrderApiRoutingTest {
    PlacingAnOrderOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void anOrderForACurrentUserIsCreatedWithItsLocationAndETag() {
        long user = USERS.register();

        OrderApiFixture.Reply reply = place(client, order(user, item("book", 2, 1250), item("pen", 3, 199),
                                                          item("A-1_z", 1000, 0)));

        JsonNode body = assertJson(reply, Status.CREATED_201);
        long id = body.path("id").asLong();
        assertTrue(id > 0, reply.body());
        assertEquals(ORDERS + "/" + id, reply.header(HeaderNames.LOCATION));
        assertEquals("\"1\"", reply.header(HeaderNames.ETAG));
        assertEquals(Set.of("id", "userId", "items", "totalCents", "status", "cancellationReason", "createdAt",
                            "updatedAt", "version"),
                     fieldNames(body));
        assertTrue(body.path("cancellationReason").isNull(), "a placed order has no cancellation reason");
        assertEquals(user, body.path("userId").asLong());
        assertEquals(List.of("book", "pen", "A-1_z"), body.path("items").findValuesAsText("sku"));
        assertEquals(List.of(2, 3, 1000), body.path("items").findValues("quantity").stream().map(JsonNode::intValue)
                .toList());
        assertEquals(List.of(1250L, 199L, 0L), body.path("items").findValues("unitPriceCents").stream()
                .map(JsonNode::longValue).toList());
        assertEquals(2 * 1250 + 3 * 199, body.path("totalCents").asLong());
        assertEquals("PLACED", body.path("status").textValue());
        assertEquals(1, body.path("version").asLong());
        Instant createdAt = Instant.parse(body.path("createdAt").textValue());
        assertEquals(createdAt, Instant.parse(body.path("updatedAt").textValue()));
        assertTrue(body.path("createdAt").textValue().endsWith("Z"), "UTC: " + body);
    }

    @Test
    void theCreatedOrderIsAtItsLocation() {
        OrderApiFixture.Reply created = place(client, anOrder(USERS.register()));
        JsonNode body = assertJson(created, Status.CREATED_201);

        OrderApiFixture.Reply read = get(client, created.header(HeaderNames.LOCATION));

        assertEquals(body, assertJson(read, Status.OK_200));
        assertEquals("\"1\"", read.header(HeaderNames.ETAG));
    }

    @Test
    void theLargestOrderAllowedIsTotalledExactly() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(item("max-" + i, 1000, 100_000_000));
        }

        JsonNode body = placed(client, order(USERS.register(), items.toArray(String[]::new)));

        assertEquals(5_000_000_000_000L, body.path("totalCents").longValue());
        assertTrue(body.path("totalCents").isIntegralNumber(), body.toString());
        assertEquals(50, body.path("items").size());
    }

    @Test
    void anOrderForAUserNobodyHasIsUnprocessableAndNotStored() {
        long nobody = USERS.unknown();

        JsonNode problem = assertProblem(place(client, anOrder(nobody)), Status.UNPROCESSABLE_CONTENT_422,
                                         "unprocessable");

        assertTrue(problem.path("detail").textValue().contains(Long.toString(nobody)), problem.toString());
        assertNoOrdersOf(client, nobody);
    }

    @Test
    void anOrderForADeletedUserIsUnprocessable() {
        long user = USERS.register();
        placed(client, anOrder(user));
        USERS.delete(user);

        assertProblem(place(client, anOrder(user)), Status.UNPROCESSABLE_CONTENT_422, "unprocessable");
    }

    @Test
    void whileTheUserDirectoryCannotAnswerNoOrderIsPlacedAndTheClientIsToldWhenToRetry() {
        long user = USERS.register();
        USERS.goDown();
        OrderApiFixture.Reply reply;
        try {
            reply = place(client, anOrder(user));
        } finally {
            USERS.comeBack();
        }

        assertProblem(reply, Status.SERVICE_UNAVAILABLE_503, "unavailable");
        assertEquals(Long.toString(KnownUsers.RETRY_AFTER.toSeconds()), reply.header(HeaderNames.RETRY_AFTER));
        assertNoOrdersOf(client, user);
    }

    @Test
    void jsonWithAUtf8CharsetIsAccepted() {
        OrderApiFixture.Reply reply = send(client.post(ORDERS)
                                                   .header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8"),
                                           anOrder(USERS.register()));

        assertJson(reply, Status.CREATED_201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json",
                            "multipart/form-data; boundary=x", "application/*", "*/*"})
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType(String contentType) {
        long user = USERS.register();

        OrderApiFixture.Reply reply = send(client.post(ORDERS).header(HeaderNames.CONTENT_TYPE, contentType),
                                           anOrder(user));

        assertProblem(reply, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type");
        assertNoOrdersOf(client, user);
    }

    @Test
    void aBodyWithoutContentTypeIsAnUnsupportedMediaType() {
        long user = USERS.register();
        byte[] json = anOrder(user).getBytes(StandardCharsets.UTF_8);

        OrderApiFixture.Reply reply;
        try (Http1ClientResponse response = client.post(ORDERS).outputStream(out -> write(out, json))) {
            reply = reply(response);
        }

        JsonNode problem = assertProblem(reply, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type");
        assertEquals("The body must be sent with Content-Type: application/json.", problem.path("detail").textValue());
        assertNoOrdersOf(client, user);
    }

    @Test
    void aRequestWithoutBodyOrContentTypeIsAnUnsupportedMediaType() {
        assertProblem(send(client.post(ORDERS)), Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type");
    }

    @Test
    void aBodyOfExactly64KiBIsAccepted() {
        String json = padded(anOrder(USERS.register()), 64 * 1024);

        assertJson(place(client, json), Status.CREATED_201);
    }

    @Test
    void aBodyOneByteOver64KiBIsTooLarge() {
        long user = USERS.register();
        String json = padded(anOrder(user), 64 * 1024 + 1);

        OrderApiFixture.Reply reply = place(client, json);

        assertProblem(reply, Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large");
        assertNoOrdersOf(client, user);
    }

    @Test
    void aStreamedBodyOver64KiBIsTooLarge() {
        long user = USERS.register();
        byte[] json = padded(anOrder(user), 200 * 1024).getBytes(StandardCharsets.UTF_8);

        OrderApiFixture.Reply reply;
        try (Http1ClientResponse response = client.post(ORDERS)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .outputStream(out -> write(out, json))) {
            reply = reply(response);
        }

        assertProblem(reply, Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large");
        assertNoOrdersOf(client, user);
    }

    // Valid JSON of exactly the given size in bytes: the object, then spaces.
    private static String padded(String json, int bytes) {
        return json + " ".repeat(bytes - json.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        // In pieces, so the client streams the body chunked, without a Content-Length.
        for (int i = 0; i < bytes.length; i += 8192) {
            out.write(bytes, i, Math.min(8192, bytes.length - i));
            out.flush();
        }
        out.close();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
