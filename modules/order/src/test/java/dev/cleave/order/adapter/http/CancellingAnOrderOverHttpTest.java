package dev.cleave.order.adapter.http;

import java.time.Instant;

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
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/orders/{id}/cancel}: 200 once, 409 after that, 404 for no such order, 412 when {@code If-Match}
 * names another version.
 */
class CancellingAnOrderOverHttpTest extends OrderApiRoutingTest {
    CancellingAnOrderOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void aPlacedOrderIsCancelledAtTheNextVersion() {
        JsonNode order = placed(client, anOrder(USERS.register()));
        long id = order.path("id").asLong();

        OrderApiFixture.Reply reply = cancel(client, id);

        JsonNode body = assertJson(reply, Status.OK_200);
        assertEquals("CANCELLED", body.path("status").textValue());
        assertEquals(order.path("version").asLong() + 1, body.path("version").asLong());
        assertEquals("\"2\"", reply.header(HeaderNames.ETAG));
        assertEquals(id, body.path("id").asLong());
        assertEquals(order.path("items"), body.path("items"));
        assertEquals(order.path("totalCents"), body.path("totalCents"));
        assertEquals(order.path("createdAt"), body.path("createdAt"));
        assertFalse(Instant.parse(body.path("updatedAt").textValue())
                            .isBefore(Instant.parse(order.path("updatedAt").textValue())), body.toString());
        assertEquals(body, assertJson(get(client, ORDERS + "/" + id), Status.OK_200));
    }

    @Test
    void anOrderAlreadyCancelledIsAConflict() {
        long id = placed(client, anOrder(USERS.register())).path("id").asLong();
        assertJson(cancel(client, id), Status.OK_200);

        JsonNode problem = assertProblem(cancel(client, id), Status.CONFLICT_409, "conflict");

        assertTrue(problem.path("detail").textValue().contains("already cancelled"), problem.toString());
        assertEquals(2, assertJson(get(client, ORDERS + "/" + id), Status.OK_200).path("version").asLong());
    }

    @Test
    void anOrderAlreadyCancelledIsAConflictWhateverIfMatchSays() {
        long id = placed(client, anOrder(USERS.register())).path("id").asLong();
        assertJson(cancel(client, id), Status.OK_200);

        assertProblem(cancel(client, id, "\"1\""), Status.CONFLICT_409, "conflict");
        assertProblem(cancel(client, id, "\"2\""), Status.CONFLICT_409, "conflict");
    }

    @Test
    void anOrderNobodyPlacedIsNotFound() {
        JsonNode problem = assertProblem(cancel(client, 987_654_321L), Status.NOT_FOUND_404, "not-found");

        assertEquals("No order with id 987654321.", problem.path("detail").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2\"", "\"0\"", "\"99\"", "W/\"1\"", "1", "\"\"", "\"abc\"", "\"2\", \"3\""})
    void anIfMatchThatIsNotTheCurrentVersionFailsThePreconditionAndChangesNothing(String ifMatch) {
        JsonNode order = placed(client, anOrder(USERS.register()));
        long id = order.path("id").asLong();

        JsonNode problem = assertProblem(cancel(client, id, ifMatch), Status.PRECONDITION_FAILED_412,
                                         "precondition-failed");

        assertTrue(problem.path("detail").textValue().contains("version 1"), problem.toString());
        assertEquals(order, assertJson(get(client, ORDERS + "/" + id), Status.OK_200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "*", "\"7\", \"1\"", "W/\"1\", \"1\""})
    void anIfMatchThatAllowsTheCurrentVersionLetsTheCancellationThrough(String ifMatch) {
        long id = placed(client, anOrder(USERS.register())).path("id").asLong();

        JsonNode body = assertJson(cancel(client, id, ifMatch), Status.OK_200);

        assertEquals("CANCELLED", body.path("status").textValue());
        assertEquals("CUSTOMER_REQUEST", body.path("cancellationReason").textValue());
        assertEquals(2, body.path("version").asLong());
    }

    @Test
    void theETagOfAReadOrderCancelsIt() {
        long id = placed(client, anOrder(USERS.register())).path("id").asLong();
        String etag = get(client, ORDERS + "/" + id).header(HeaderNames.ETAG);

        assertEquals("CANCELLED", assertJson(cancel(client, id, etag), Status.OK_200).path("status").textValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "-5", "1.0"})
    void anIdThatIsNotAPositiveIntegerIsABadRequest(String id) {
        assertMalformed(send(client.post(ORDERS + "/" + id + "/cancel")));
    }
}
