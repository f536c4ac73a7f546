package dev.cleave.order.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.order.adapter.http.OrderApiFixture.assertProblem;
import static dev.cleave.order.adapter.http.OrderApiFixture.get;
import static dev.cleave.order.adapter.http.OrderApiFixture.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Paths outside the API (either version) are 404 problems; methods a resource does not support are 405 problems
 * that say, in {@code Allow}, which methods it does.
 */
class AskingForRoutesTheApiDoesNotHaveTest extends OrderApiRoutingTest {
    AskingForRoutesTheApiDoesNotHaveTest(DirectClient client) {
        super(client);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/v1/nothing", "/v1/order", "/v3/orders", "/v1/orders/1/cancel/now",
                            "/v1/orders/1/items", "/v1/orders/1/2", "/v2/orders/1/items", "/v2/order"})
    void aPathOutsideTheApiIsNotFound(String path) {
        JsonNode problem = assertProblem(get(client, path), Status.NOT_FOUND_404, "not-found");

        assertEquals("No resource at " + path + ".", problem.path("detail").textValue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            PUT    | /v1/orders/1        | GET
            DELETE | /v1/orders/1        | GET
            PATCH  | /v1/orders/1        | GET
            POST   | /v1/orders/1        | GET
            GET    | /v1/orders/1/cancel | POST
            PUT    | /v1/orders/1/cancel | POST
            DELETE | /v1/orders/1/cancel | POST
            DELETE | /v1/orders          | GET, POST
            PUT    | /v1/orders          | GET, POST
            PATCH  | /v1/orders          | GET, POST
            PUT    | /v2/orders/1        | GET
            DELETE | /v2/orders/1/cancel | POST
            DELETE | /v2/orders          | GET, POST
            """)
    void aMethodTheResourceDoesNotSupportIsNotAllowed(String method, String path, String allowed) {
        OrderApiFixture.Reply reply = send(client.method(Method.create(method)).path(path));

        JsonNode problem = assertProblem(reply, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed");
        assertEquals(allowed, reply.header(HeaderNames.ALLOW));
        assertTrue(problem.path("detail").textValue().startsWith(method + " is not supported here"),
                   problem.toString());
    }

    @Test
    void aMethodNotAllowedWithABodyIsStillNotAllowed() {
        OrderApiFixture.Reply reply = send(client.put("/v1/orders/1").header(HeaderNames.CONTENT_TYPE,
                                                                             "application/json"),
                                           "{\"status\":\"CANCELLED\"}");

        assertProblem(reply, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed");
        assertEquals("GET", reply.header(HeaderNames.ALLOW));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /v1/orders          | GET, POST
            /v1/orders/1        | GET
            /v1/orders/1/cancel | POST
            /v2/orders          | GET, POST
            /v2/orders/1        | GET
            /v2/orders/1/cancel | POST
            """)
    void optionsSaysWhichMethodsAResourceSupports(String path, String allowed) {
        OrderApiFixture.Reply reply = send(client.method(Method.OPTIONS).path(path));

        assertEquals(Status.NO_CONTENT_204, reply.status());
        assertEquals(allowed, reply.header(HeaderNames.ALLOW));
        assertEquals("", reply.body());
    }
}
