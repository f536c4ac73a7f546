package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A client of the v1 API over real HTTP, returning every reply whatever its status. In the split topology, order
 * paths go to the order service and everything else to the user service, as a gateway would route them. It sends
 * a development admin token unless told to act as someone else ({@link #as}) or as no one ({@link #anonymous}).
 * Every exchange is held against the OpenAPI document the answering service serves ({@link ServedContract}), so any
 * test that talks to the API also tests that the document tells the truth; {@link #unchecked} is for the few tests
 * that break services on purpose.
 */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, URI> route;
    private final String token;
    private final boolean checked;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    Api(URI base) {
        this(path -> base, DevTokens.admin());
    }

    private Api(Function<String, URI> route, String token) {
        this(route, token, true);
    }

    private Api(Function<String, URI> route, String token, boolean checked) {
        this.route = route;
        this.token = token;
        this.checked = checked;
    }

    /** Users and everything else to one service, orders to the other. */
    static Api split(URI userService, URI orderService) {
        return new Api(path -> path.startsWith("/v1/orders") || path.startsWith("/v2/orders") ? orderService
                : userService, DevTokens.admin());
    }

    /**
     * The same API, called with another bearer token.
     *
     * @param bearerToken the token
     * @return a client sending it
     */
    Api as(String bearerToken) {
        return new Api(route, bearerToken, checked);
    }

    /**
     * The bearer token this client sends.
     *
     * @return the token, or {@code null} if it sends none
     */
    String token() {
        return token;
    }

    /**
     * The same API, called without any token.
     *
     * @return a client sending none
     */
    Api anonymous() {
        return new Api(route, null, checked);
    }

    /**
     * The same API without holding its exchanges against the served document: for tests that kill or stop services
     * under load and only count what comes back, where a reply may meet a service that is gone before its document
     * can be read.
     *
     * @return a client that checks nothing
     */
    Api unchecked() {
        return new Api(route, token, false);
    }

    Reply get(String path) {
        return send("GET", path, null, null);
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    Reply postJson(String path, String json, String... headers) {
        return send("POST", path, json, "application/json", headers);
    }

    Reply putJson(String path, String json, String... headers) {
        return send("PUT", path, json, "application/json", headers);
    }

    /**
     * Sends any request.
     *
     * @param method      the method
     * @param path        the path and query
     * @param body        the body, or {@code null}
     * @param contentType the content type, or {@code null}
     * @param headers     more headers, as name, value pairs
     * @return the reply
     */
    Reply send(String method, String path, String body, String contentType, String... headers) {
        URI service = route.apply(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(service.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpRequest sent = request.build();
        HttpResponse<String> response;
        try {
            response = client.send(sent, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (checked) {
            ServedContract.check(service, new ServedContract.Exchange(
                    method, path, sent.headers().map(), body, response.statusCode(), response.headers().map(),
                    response.body()));
        }
        return new Reply(response.statusCode(), response, response.body());
    }

    /**
     * One reply.
     *
     * @param status   the status code
     * @param response the raw response
     * @param body     the body text
     */
    record Reply(int status, HttpResponse<String> response, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
