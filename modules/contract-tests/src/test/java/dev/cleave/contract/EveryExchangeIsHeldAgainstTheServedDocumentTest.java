package dev.cleave.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ServedContract} without a server: exchanges made up here, held against the user context's document as it
 * is in the source tree, the same document a running service serves alone at {@code /openapi/user-v1}.
 */
class EveryExchangeIsHeldAgainstTheServedDocumentTest {
    private static final Path MODULES_DIR = Path.of(System.getProperty("cleave.modules.dir", ".."));
    private static final String ADA = "{\"id\":1,\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\","
                                      + "\"owner\":null,\"createdAt\":\"2026-12-03T10:15:30.123Z\","
                                      + "\"updatedAt\":\"2026-12-03T10:15:30.123Z\",\"version\":1}";
    private static final String NOT_FOUND = "{\"type\":\"urn:cleave:problem:not-found\",\"title\":\"Not found\","
                                            + "\"status\":404,\"detail\":\"No user 7.\"}";
    private static final String INVALID = "{\"type\":\"urn:cleave:problem:invalid-input\",\"title\":\"Invalid\","
                                          + "\"status\":400,\"detail\":\"The request has invalid fields.\"}";

    private static ServedContract users;

    @BeforeAll
    static void readTheDocument() throws IOException {
        Path document = MODULES_DIR.resolve("user/src/main/resources/META-INF/openapi/user-v1.yaml");
        users = ServedContract.of(document.toString(), Files.readString(document));
    }

    @Test
    void documentedExchangesKeepTheContract() {
        assertEquals(List.of(), users.violations(get("/v1/users/1", 200, ADA, json(), "ETag", "\"1\"")));
        assertEquals(List.of(), users.violations(post("/v1/users", "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}",
                                                      201, ADA, json(), "Location", "/v1/users/1",
                                                      "ETag", "\"1\"")));
        assertEquals(List.of(), users.violations(get("/v1/users?limit=3", 200, "{\"items\":[" + ADA + "],"
                                                                               + "\"nextCursor\":\"abc\"}", json())));
        assertEquals(List.of(), users.violations(get("/v1/users/7", 404, NOT_FOUND, problem())));
        assertEquals(List.of(), users.violations(exchange("DELETE", "/v1/users/1", null, 204, "")));
    }

    @Test
    void aPropertyTheDocumentDoesNotHaveFailsNamingIt() {
        String withNickname = ADA.replace("}", ",\"nickname\":\"Ada\"}");
        AssertionError failure = assertThrows(AssertionError.class, () -> users.assertKept(
                get("/v1/users/1", 200, withNickname, json(), "ETag", "\"1\"")));

        assertTrue(failure.getMessage().startsWith("GET /v1/users/1 answered 200"), failure::getMessage);
        assertTrue(failure.getMessage().contains("property 'nickname' is not defined"), failure::getMessage);
    }

    @Test
    void aPropertyDeepInsideAPageIsFoundThroughTheReferences() {
        String page = "{\"items\":[" + ADA.replace("\"owner\":null", "\"owner\":7") + "],\"nextCursor\":null}";
        List<String> violations = users.violations(get("/v1/users", 200, page, json()));

        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.getFirst().startsWith("response body /items/0/owner: "), violations::toString);
    }

    @Test
    void aMissingOrMalformedRequiredHeaderFails() {
        assertEquals(List.of("response header ETag is required but missing"),
                     users.violations(get("/v1/users/1", 200, ADA, json())));
        List<String> unquoted = users.violations(get("/v1/users/1", 200, ADA, json(), "etag", "1"));
        assertEquals(1, unquoted.size(), unquoted::toString);
        assertTrue(unquoted.getFirst().startsWith("response header ETag: "), unquoted::toString);
    }

    @Test
    void anUndocumentedStatusFails() {
        List<String> violations = users.violations(get("/v1/users/1", 418, "", Map.of()));

        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.getFirst().startsWith("status 418 is not documented for GET /v1/users/{id}"),
                   violations::toString);
    }

    @Test
    void aProblemSentAsPlainJsonFails() {
        List<String> violations = users.violations(get("/v1/users/7", 404, NOT_FOUND, json()));

        assertEquals(List.of("response body is application/json, but the document describes only"
                             + " [application/problem+json]"), violations);
    }

    @Test
    void aSuccessfulAnswerToARequestTheDocumentRefusesFails() {
        List<String> violations = users.violations(post("/v1/users", "{\"name\":\"Ada\"}", 201, ADA, json(),
                                                        "Location", "/v1/users/1", "ETag", "\"1\""));

        assertEquals(1, violations.size(), violations::toString);
        assertTrue(violations.getFirst().startsWith("the document refuses this request, but it was answered 201"
                                                    + " rather than 4xx:\n      - request body: required property"
                                                    + " 'email' not found"), violations::toString);
        assertEquals(List.of(), users.violations(post("/v1/users", "{\"name\":\"Ada\"}", 400, INVALID, problem())),
                     "refusing it is what the document asks");
    }

    @Test
    void successfulAnswersToBadQueriesAndPathsFail() {
        String page = "{\"items\":[],\"nextCursor\":null}";
        for (String target : List.of("/v1/users?limit=ten", "/v1/users?limit=0", "/v1/users?color=red",
                                     "/v1/users?limit=5&limit=6")) {
            List<String> violations = users.violations(get(target, 200, page, json()));
            assertEquals(1, violations.size(), () -> target + ": " + violations);
            assertTrue(violations.getFirst().contains("rather than 4xx:\n      - request query parameter "),
                       () -> target + ": " + violations);
        }
        List<String> badId = users.violations(get("/v1/users/abc", 200, ADA, json(), "ETag", "\"1\""));
        assertTrue(badId.getFirst().contains("\n      - request path parameter id: "), badId::toString);
    }

    @Test
    void anUndocumentedRouteMustBeRefused() {
        assertEquals(List.of(), users.violations(get("/v1/nothing-here", 404, NOT_FOUND, problem())));
        assertTrue(users.violations(get("/v1/nothing-here", 200, "{}", json())).getFirst()
                           .startsWith("undocumented route: the document has no path matching /v1/nothing-here"));

        assertEquals(List.of(), users.violations(exchange("PATCH", "/v1/users/1", null, 405, "", "Allow",
                                                          "GET, PUT, DELETE")));
        assertEquals(List.of("405 with Allow [DELETE, GET, PATCH, PUT], but the document describes [DELETE, GET, PUT]"
                             + " for /v1/users/{id}"),
                     users.violations(exchange("PATCH", "/v1/users/1", null, 405, "", "Allow",
                                               "GET, PUT, DELETE, PATCH")));
        assertTrue(users.violations(exchange("PATCH", "/v1/users/1", null, 200, ADA)).getFirst()
                           .startsWith("undocumented route: PATCH is not documented for /v1/users/{id}"));
        assertEquals(List.of(), users.violations(exchange("OPTIONS", "/v1/users/1", null, 204, "")),
                     "OPTIONS is the protocol's, not the API's");
    }

    @Test
    void pathsOutsideAVersionAreNotPartOfTheContract() {
        assertEquals(List.of(), users.violations(get("/observe/health", 200, "{\"status\":\"UP\"}", json())));
        assertEquals(List.of(), users.violations(get("/openapi", 200, "openapi: 3.1.0", Map.of())));
    }

    @Test
    void aLiteralPathWinsOverATemplate() {
        ServedContract things = ServedContract.of("things", """
                openapi: 3.1.0
                info: {title: Things, version: 1.0.0}
                paths:
                  /v1/things/{id}:
                    get:
                      responses:
                        '200': {description: one, content: {application/json: {schema: {type: integer}}}}
                  /v1/things/latest:
                    get:
                      responses:
                        '200': {description: the newest, content: {application/json: {schema: {type: string}}}}
                """);

        assertEquals(List.of(), things.violations(get("/v1/things/latest", 200, "\"the newest\"", json())));
        assertEquals(List.of(), things.violations(get("/v1/things/7", 200, "7", json())));
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private static ServedContract.Exchange get(String target, int status, String body, Map<String, String> headers,
                                               String... more) {
        return exchange("GET", target, null, status, body, withHeaders(headers, more));
    }

    private static ServedContract.Exchange post(String target, String requestBody, int status, String body,
                                                Map<String, String> headers, String... more) {
        return exchange("POST", target, requestBody, status, body, withHeaders(headers, more));
    }

    private static ServedContract.Exchange exchange(String method, String target, String requestBody, int status,
                                                    String body, String... headers) {
        Map<String, List<String>> request = requestBody == null ? Map.of()
                : Map.of("Content-Type", List.of("application/json"));
        Map<String, List<String>> response = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            response.put(headers[i], List.of(headers[i + 1]));
        }
        return new ServedContract.Exchange(method, target, request, requestBody, status, response, body);
    }

    private static String[] withHeaders(Map<String, String> headers, String... more) {
        List<String> all = new ArrayList<>();
        headers.forEach((name, value) -> {
            all.add(name);
            all.add(value);
        });
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static Map<String, String> problem() {
        return Map.of("Content-Type", "application/problem+json; charset=UTF-8");
    }
}
