package dev.cleave.platform.testing;

import java.util.List;
import java.util.Map;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpService;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link DocumentedRoutes} passes when a service's routes and its document's operations are the same set, and
 * fails naming each route missing from the document and each operation no route serves.
 */
class HoldingDocumentsToRoutesTest {
    private static final String DOCUMENT = """
            openapi: 3.1.0
            info: {title: Things, version: 1.0.0}
            paths:
              /v1/things:
                get: {responses: {'200': {description: ok}}}
              /v1/things/{id}:
                parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
                get: {responses: {'200': {description: ok}}}
            """;

    @Test
    void aServiceRoutingExactlyWhatItsDocumentDescribesPasses() {
        HttpService things = rules -> rules.get("/", (req, res) -> res.send())
                .get("/{id}", (req, res) -> res.send())
                .any("/{id}", (req, res) -> res.send());

        DocumentedRoutes.assertDescribe(List.of(DOCUMENT), Map.of("/v1/things", things));
    }

    @Test
    void anUndocumentedRouteAndAnUnroutedOperationAreBothNamed() {
        HttpService things = rules -> rules.get("/", (req, res) -> res.send())
                .route(Method.DELETE, "/{id}", (req, res) -> res.send());

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> DocumentedRoutes.assertDescribe(
                List.of(DOCUMENT), Map.of("/v1/things", things)));

        assertEquals("routed but not documented: [DELETE /v1/things/{id}], documented but not routed: "
                     + "[GET /v1/things/{id}]", failure.getActual().getStringRepresentation());
    }

    @Test
    void aRouteWhoseMethodAndPathCannotBeReadIsRefusedRatherThanMissed() {
        HttpService opaque = rules -> rules.route(HttpRoute.builder().methods(Method.GET).path("/")
                                                          .handler((req, res) -> res.send()).build());

        assertThrows(IllegalArgumentException.class,
                     () -> DocumentedRoutes.assertDescribe(List.of(DOCUMENT), Map.of("/v1/things", opaque)));
    }
}
