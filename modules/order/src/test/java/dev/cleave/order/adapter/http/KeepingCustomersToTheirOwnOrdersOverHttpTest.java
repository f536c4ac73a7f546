package dev.cleave.order.adapter.http;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.order.adapter.http.OrderApiFixture.Reply;
import dev.cleave.platform.api.Caller;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS;
import static dev.cleave.order.adapter.http.OrderApiFixture.anOrder;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertJson;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.ids;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static dev.cleave.platform.testing.TestCallers.anonymous;
import static dev.cleave.platform.testing.TestCallers.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the HTTP adapter makes of the use cases' ownership rules for orders: a customer orders only for the user it
 * owns (anyone else's answers like an unknown user), reads, lists and cancels only its own orders (someone else's
 * is a 404 exactly like a missing one), and an admin does all of it for anyone.
 */
class KeepingCustomersToTheirOwnOrdersOverHttpTest extends OrderApiRoutingTest {
    private final Caller customerA = Caller.customer("customer-a-" + UUID.randomUUID());
    private final Caller customerB = Caller.customer("customer-b-" + UUID.randomUUID());

    KeepingCustomersToTheirOwnOrdersOverHttpTest(DirectClient client) {
        super(client);
    }

    @Test
    void aCustomerPlacesOrdersForItsOwnUser() {
        long userId = USERS.registerOwnedBy(customerA.subject());

        JsonNode order = assertJson(place(customerA, userId), Status.CREATED_201);

        assertEquals(userId, order.path("userId").asLong());
    }

    @Test
    void orderingForAnotherCustomersUserAnswersLikeAnUnknownUser() {
        long userOfA = USERS.registerOwnedBy(customerA.subject());
        long unknown = USERS.unknown();

        JsonNode someoneElses = assertProblem(place(customerB, userOfA), Status.UNPROCESSABLE_CONTENT_422,
                                              "unprocessable");
        JsonNode missing = assertProblem(place(customerB, unknown), Status.UNPROCESSABLE_CONTENT_422,
                                         "unprocessable");

        assertEquals(missing.path("detail").textValue().replace(Long.toString(unknown), Long.toString(userOfA)),
                     someoneElses.path("detail").textValue());
        assertEquals(List.of(), ids(listAs(customerA).path("items")), "nothing was placed for A's user");
    }

    @Test
    void aCustomerCannotOrderForAUserAnAdminRegistered() {
        long adminsUser = USERS.register();

        assertProblem(place(customerA, adminsUser), Status.UNPROCESSABLE_CONTENT_422, "unprocessable");
    }

    @Test
    void anotherCustomersOrderIsNotFoundForReadingAndCancellingExactlyLikeAMissingOne() {
        long id = assertJson(place(customerA, USERS.registerOwnedBy(customerA.subject())), Status.CREATED_201)
                .path("id").asLong();
        String path = ORDERS + "/" + id;

        JsonNode read = assertProblem(send(client.get(path).header(as(customerB))), Status.NOT_FOUND_404,
                                      "not-found");
        JsonNode cancelled = assertProblem(send(client.post(path + "/cancel").header(as(customerB))),
                                           Status.NOT_FOUND_404, "not-found");
        JsonNode missing = assertProblem(send(client.get(ORDERS + "/999999999").header(as(customerB))),
                                         Status.NOT_FOUND_404, "not-found");

        assertEquals("No order with id " + id + ".", read.path("detail").textValue());
        assertEquals(read, cancelled);
        assertEquals(missing.path("detail").textValue().replace("999999999", Long.toString(id)),
                     read.path("detail").textValue());
        JsonNode stillPlaced = assertJson(send(client.get(path).header(as(customerA))), Status.OK_200);
        assertEquals("PLACED", stillPlaced.path("status").textValue());
    }

    @Test
    void theOwnerCancelsItsOrder() {
        long id = assertJson(place(customerA, USERS.registerOwnedBy(customerA.subject())), Status.CREATED_201)
                .path("id").asLong();

        Reply reply = send(client.post(ORDERS + "/" + id + "/cancel").header(as(customerA)));

        assertEquals("CANCELLED", assertJson(reply, Status.OK_200).path("status").textValue());
    }

    @Test
    void aCustomersListingHoldsOnlyItsOwnOrdersWhateverUserItNames() {
        long userOfA = USERS.registerOwnedBy(customerA.subject());
        long userOfB = USERS.registerOwnedBy(customerB.subject());
        long ofA = assertJson(place(customerA, userOfA), Status.CREATED_201).path("id").asLong();
        long ofB = assertJson(place(customerB, userOfB), Status.CREATED_201).path("id").asLong();

        assertEquals(List.of(ofA), ids(listAs(customerA).path("items")));
        assertEquals(List.of(ofB), ids(listAs(customerB).path("items")));
        JsonNode namingA = assertJson(send(client.get(ORDERS).queryParam("userId", Long.toString(userOfA))
                                                   .header(as(customerB))), Status.OK_200);
        assertEquals(List.of(), ids(namingA.path("items")));
    }

    @Test
    void anAdminReadsListsAndCancelsAnyCustomersOrders() {
        long userOfA = USERS.registerOwnedBy(customerA.subject());
        long id = assertJson(place(customerA, userOfA), Status.CREATED_201).path("id").asLong();

        assertJson(send(client.get(ORDERS + "/" + id)), Status.OK_200);
        JsonNode listed = assertJson(send(client.get(ORDERS).queryParam("userId", Long.toString(userOfA))),
                                     Status.OK_200);
        assertEquals(List.of(id), ids(listed.path("items")));
        assertJson(send(client.post(ORDERS + "/" + id + "/cancel")), Status.OK_200);
        assertJson(place(Caller.admin("admin-2"), userOfA), Status.CREATED_201);
    }

    @Test
    void aRequestNoFilterAuthenticatedIsUnauthorized() {
        Reply reply = send(client.get(ORDERS).header(anonymous()));

        assertProblem(reply, Status.UNAUTHORIZED_401, "unauthorized");
        assertEquals("Bearer", reply.header(HeaderNames.WWW_AUTHENTICATE));
    }

    private Reply place(Caller caller, long userId) {
        return send(client.post(ORDERS).header(HeaderNames.CONTENT_TYPE, "application/json").header(as(caller)),
                    anOrder(userId));
    }

    private JsonNode listAs(Caller caller) {
        return assertJson(send(client.get(ORDERS).header(as(caller))), Status.OK_200);
    }
}
