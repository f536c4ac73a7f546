package dev.cleave.platform.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.cleave.platform.api.UnavailableException;

/**
 * The OAuth 2.0 client-credentials grant (RFC 6749 section 4.4) at the issuer's token endpoint, with the client
 * authenticated by HTTP Basic ({@code client_secret_basic}). A refusal or an unreachable endpoint is an
 * {@link UnavailableException}: the call that needed the token cannot be made now.
 */
final class ClientCredentialsGrant implements ServiceTokens.Source {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final Issuer issuer;
    private final String authorization;
    private final HttpClient http;
    private final Clock clock;

    ClientCredentialsGrant(Issuer issuer, String clientId, String clientSecret, Clock clock) {
        this.issuer = issuer;
        // RFC 6749 2.3.1: both parts form-encoded before they are joined.
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (form(clientId) + ":" + form(clientSecret)).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        this.clock = clock;
    }

    @Override
    public ServiceTokens.Issued issue() {
        URI endpoint;
        try {
            endpoint = issuer.metadata().tokenEndpoint();
        } catch (KeySourceException e) {
            throw unavailable("the issuer cannot be reached", e);
        }
        if (endpoint == null) {
            throw unavailable("the issuer names no token_endpoint", null);
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable("its token endpoint cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("asking for a token was interrupted", e);
        }
        if (response.statusCode() != 200) {
            // The body may say why (invalid_client); it is logged by the caller's 503 line, not sent to clients.
            throw unavailable("its token endpoint answered " + response.statusCode(), null);
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(response.body());
            Object token = json.get("access_token");
            Object expiresIn = json.get("expires_in");
            if (!(token instanceof String value) || value.isBlank()) {
                throw unavailable("its token endpoint answered without an access_token", null);
            }
            long seconds = expiresIn instanceof Number number ? number.longValue() : 60;
            return new ServiceTokens.Issued(value, clock.instant().plusSeconds(Math.max(1, seconds)));
        } catch (ParseException e) {
            throw unavailable("its token endpoint answered no JSON", e);
        }
    }

    private static UnavailableException unavailable(String why, Throwable cause) {
        return new UnavailableException("This service cannot get its own access token right now (" + why
                                        + "), so it cannot call the services it needs.", RETRY_AFTER, cause);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
