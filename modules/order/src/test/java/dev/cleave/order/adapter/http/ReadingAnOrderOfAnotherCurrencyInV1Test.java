package dev.cleave.order.adapter.http;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS_V2;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.cancel;
import static dev.cleave.order.adapter.http.OrderApiFixture.get;
import static dev.cleave.order.adapter.http.OrderApiFixture.ids;
import static dev.cleave.order.adapter.http.OrderApiFixture.itemV2;
import static dev.cleave.order.adapter.http.OrderApiFixture.list;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.placed;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A v1 client never sees an amount in a currency it cannot know about: v1 speaks cents of the v1 currency (EUR by
 * default), so an order placed in v2 in another currency is left out of v1 listings, and reading or cancelling it
 * through v1 answers {@code 409 newer-version-required} naming its v2 path, and changes nothing.
 */
class ReadingAnOrderOfAnotherCurrencyInV1Test extends OrderApiRoutingTest {
    ReadingAnOrderOfAnotherCurrencyInV1Test(DirectClient client) {
        super(client);
    }

    @Test
    void readingItInV1AnswersConflictNamingItsV2Path() {
        long id = placedInUsd(USERS.register());

        JsonNode problem = assertProblem(get(client, ORDERS + "/" + id), Status.CONFLICT_409,
                                         "newer-version-required");

        assertEquals("Order " + id + " is in USD; v1 shows amounts only in EUR; read it at /v2/orders/" + id + ".",
                     problem.path("detail").textValue());
    }

    @Test
    void cancellingItInV1IsRefusedAndLeavesItPlaced() {
        long id = placedInUsd(USERS.register());

        assertProblem(cancel(client, id), Status.CONFLICT_409, "newer-version-required");

        assertEquals("PLACED", assertJson(get(client, ORDERS_V2 + "/" + id), Status.OK_200).path("status")
                .textValue());
    }

    @Test
    void v1ListingsLeaveItOut() {
        long user = USERS.register();
        long euros = placed(client, ORDERS, anOrder(user)).path("id").asLong();
        placedInUsd(user);
        long euros2 = placed(client, ORDERS_V2, order(user, itemV2("a", 1, "2.50", "EUR"))).path("id").asLong();

        JsonNode page = assertJson(list(client, "userId", Long.toString(user)), Status.OK_200);

        assertEquals(List.of(euros2, euros), ids(page.path("items")));
    }

    @Test
    void aMissingOrderIsStillNotFoundInV1() {
        assertProblem(get(client, ORDERS + "/987654"), Status.NOT_FOUND_404, "not-found");
    }

    private long placedInUsd(long user) {
        return placed(client, ORDERS_V2, order(user, itemV2("a", 2, "9.99", "USD"))).path("id").asLong();
    }
}
