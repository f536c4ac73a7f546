package dev.cleave.platform.auth;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.cleave.platform.testing.MockOidcServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The negative token matrix over real HTTP, against a real OIDC server's discovery and JWKS: every token that is
 * not valid here is refused with the RFC 6750 challenge, and the reply says nothing about the token.
 */
class RefusingEveryTokenThatIsNotValidTest {
    // The test issuer names its key after the issuer id, whatever kid it is handed.
    private static final RSAKey ISSUER_KEY = Tokens.key("cleave");
    @TempDir
    static Path workDir;
    private static MockOidcServer issuer;
    private static ProtectedServer server;

    @BeforeAll
    static void start() {
        issuer = MockOidcServer.start(workDir, "cleave", ISSUER_KEY.toJSONString(), "{}");
        server = new ProtectedServer(Authentication.from(settings(issuer.issuerUrl().toString()), Config.empty(),
                                                         "test"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    static AuthSettings settings(String issuerUrl) {
        return settings(issuerUrl, workDir);
    }

    static AuthSettings settings(String issuerUrl, Path dataDir) {
        return AuthSettings.from(Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                                         .addSource(ConfigSources.create(Map.of("cleave.auth.issuer", issuerUrl,
                                                                                "cleave.auth.audience", "cleave")))
                                         .build(), dataDir);
    }

    private static JWTClaimsSet.Builder valid() {
        return Tokens.valid(issuer.issuerUrl().toString(), "alice", List.of());
    }

    @Test
    void aValidTokenOfTheIssuerIsAccepted() {
        HttpResponse<String> reply = server.whoami(Tokens.sign(ISSUER_KEY, valid().claim("roles", List.of("admin"))
                .build()));

        assertEquals(200, reply.statusCode(), reply::body);
        assertEquals("alice [admin]", reply.body());
    }

    @Test
    void noTokenIsAChallengeWithoutAnError() {
        assertChallenge(server.get("/whoami"), 401, "Bearer");
    }

    @Test
    void anotherSchemeIsNoToken() {
        assertChallenge(server.get("/whoami", "Authorization", "Basic YWxpY2U6c2VjcmV0"), 401, "Bearer");
    }

    @Test
    void aTokenInTheQueryStringIsIgnored() {
        String token = Tokens.sign(ISSUER_KEY, valid().build());

        assertChallenge(server.get("/whoami?access_token=" + token), 401, "Bearer");
    }

    @Test
    void twoAuthorizationHeadersAreAnInvalidRequest() {
        String token = Tokens.sign(ISSUER_KEY, valid().build());

        assertChallenge(server.get("/whoami", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token),
                        400, "Bearer error=\"invalid_request\"");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        assertInvalid(new PlainJWT(valid().build()).serialize());
    }

    @Test
    void anHmacTokenKeyedWithTheIssuersPublicKeyIsRefused() throws JOSEException {
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(ISSUER_KEY.getKeyID()).build(),
                                         valid().build());
        forged.sign(new MACSigner(ISSUER_KEY.toRSAPublicKey().getEncoded()));

        assertInvalid(forged.serialize());
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertInvalid(Tokens.sign(ISSUER_KEY, valid().issuer("http://127.0.0.1:1/other").build()));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertInvalid(Tokens.sign(ISSUER_KEY, valid().audience("another-api").build()));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        assertInvalid(Tokens.sign(ISSUER_KEY, valid().expirationTime(Date.from(past)).build()));
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        Instant later = Instant.now().plus(Duration.ofMinutes(3));
        assertInvalid(Tokens.sign(ISSUER_KEY, valid().notBeforeTime(Date.from(later)).build()));
    }

    @Test
    void aTokenWithoutAnExpiryIsRefused() {
        assertInvalid(Tokens.sign(ISSUER_KEY, valid().expirationTime(null).build()));
    }

    @Test
    void aTokenSignedByAKeyTheIssuerDoesNotHaveIsRefused() {
        assertInvalid(Tokens.sign(Tokens.key("not-the-issuers"), valid().build()));
        assertInvalid(Tokens.sign(Tokens.key("cleave"), valid().build()));
    }

    @Test
    void aTokenWhosePayloadWasChangedIsRefused() {
        String[] parts = Tokens.sign(ISSUER_KEY, valid().build()).split("\\.");
        String admin = Base64.getUrlEncoder().withoutPadding().encodeToString(
                valid().claim("roles", List.of("admin")).build().toString().getBytes(StandardCharsets.UTF_8));

        assertInvalid(parts[0] + "." + admin + "." + parts[2]);
    }

    @Test
    void aTokenOfAnotherTypeIsRefused() {
        assertInvalid(Tokens.sign(ISSUER_KEY, valid().build(),
                                  header -> header.type(new com.nimbusds.jose.JOSEObjectType("secevent+jwt"))));
    }

    @Test
    void garbageIsRefused() {
        assertInvalid("not.a.token");
        assertInvalid("eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
    }

    @Test
    void aBearerSchemeWithoutATokenIsNoToken() {
        assertChallenge(server.get("/whoami", "Authorization", "Bearer"), 401, "Bearer");
    }

    @Test
    void theDevelopmentKeyIsNeverTrustedWhileARealIssuerIsConfigured() {
        DevelopmentIssuer development = DevelopmentIssuer.open(workDir.resolve("dev-key.json"), "cleave",
                                                               Clock.systemUTC());

        assertInvalid(development.mint("mallory", java.util.Set.of("admin"), Duration.ofMinutes(5)));
    }

    @Test
    void healthNeedsNoToken() {
        assertEquals(200, server.get("/observe/health/live").statusCode());
    }

    private static void assertInvalid(String token) {
        assertChallenge(server.whoami(token), 401, "Bearer error=\"invalid_token\"");
    }

    private static void assertChallenge(HttpResponse<String> reply, int status, String challenge) {
        assertEquals(status, reply.statusCode(), reply::body);
        assertEquals(Optional.of(challenge), reply.headers().firstValue("WWW-Authenticate"));
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertFalse(reply.body().contains("eyJ"), () -> "the token is echoed: " + reply.body());
        assertFalse(reply.body().contains("alice"), () -> "a claim is echoed: " + reply.body());
    }
}
