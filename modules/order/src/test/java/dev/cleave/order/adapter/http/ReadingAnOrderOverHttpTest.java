package dev.cleave.order.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertMalformed;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.cancel;
import static dev.cleave.order.adapter.http.OrderApiFixture.get;
import static dev.cleave.order.adapter.http.OrderApiFixture.placed;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code GET /v1/orders/{id}}: 200 with the order and its ETag, 404 for an id no order has, 400 for an id that is
 * not a positive integer.
 */
class ReadingAnOrderOverHttpTest extends OrderApiRoutingTest {
    ReadingAnOrderOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void anOrderIsReadWithItsVersionAsETag() {
        JsonNode order = placed(client, anOrder(USERS.register()));

        OrderApiFixture.Reply reply = get(client, ORDERS + "/" + order.path("id").asLong());

        assertEquals(order, assertJson(reply, Status.OK_200));
        assertEquals("\"1\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void aCancelledOrderIsReadAsCancelledAtItsNewVersion() {
        long id = placed(client, anOrder(USERS.register())).path("id").asLong();
        assertJson(cancel(client, id), Status.OK_200);

        OrderApiFixture.Reply reply = get(client, ORDERS + "/" + id);

        JsonNode body = assertJson(reply, Status.OK_200);
        assertEquals("CANCELLED", body.path("status").textValue());
        assertEquals(2, body.path("version").asLong());
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
    }

    @Test
    void anOrderOfAUserDeletedSinceIsStillThere() {
        long user = USERS.register();
        long id = placed(client, anOrder(user)).path("id").asLong();
        USERS.delete(user);

        assertEquals(user, assertJson(get(client, ORDERS + "/" + id), Status.OK_200).path("userId").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999", "999999999999999999"})
    void anIdNoOrderHasIsNotFound(String id) {
        JsonNode problem = assertProblem(get(client, ORDERS + "/" + id), Status.NOT_FOUND_404, "not-found");

        assertEquals("No order with id " + id + ".", problem.path("detail").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-1", "1.5", "1e3", "0x10", "%201", "1%20", "9999999999999999999",
                            "99999999999999999999", "%D9%A3"})
    void anIdThatIsNotAPositiveIntegerIsABadRequest(String id) {
        JsonNode problem = assertMalformed(get(client, ORDERS + "/" + id));

        assertEquals("id must be a positive integer.", problem.path("detail").textValue());
    }
}
