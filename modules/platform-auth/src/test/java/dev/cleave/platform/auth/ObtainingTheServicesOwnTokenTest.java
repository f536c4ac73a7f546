package dev.cleave.platform.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.spi.ServiceCredentials;
import dev.cleave.platform.testing.MockOidcServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's own access token by the client-credentials grant at a real OIDC server's token endpoint: accepted by
 * the services that verify against the same issuer, kept until shortly before it expires, and a 503 when the
 * endpoint cannot give one.
 */
class ObtainingTheServicesOwnTokenTest {
    @TempDir
    static Path workDir;
    private static MockOidcServer issuer;

    @BeforeAll
    static void start() {
        issuer = MockOidcServer.start(workDir, "cleave", Tokens.key("cleave").toJSONString(),
                                      "{\"sub\":\"${clientId}\",\"aud\":[\"cleave\"],\"roles\":[\"cleave-service\"]}");
    }

    @AfterAll
    static void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void theTokenCarriesTheServiceRoleAndIsAcceptedWhereTheIssuerIsTrusted() throws Exception {
        Authentication authentication = authentication(client("cleave.auth.client.secret", "s3cret"),
                                                       Clock.systemUTC());

        Caller service = authentication.verifier().verify(authentication.serviceCredentials().bearerToken());

        assertEquals("cleave-order-service", service.subject());
        assertTrue(service.isService(), service::toString);
    }

    @Test
    void theSecretCanComeFromAFile() throws Exception {
        Path secret = Files.writeString(workDir.resolve("client-secret"), "from-a-file\n");
        Authentication authentication = authentication(client("cleave.auth.client.secret-file", secret.toString()),
                                                       Clock.systemUTC());

        assertTrue(authentication.verifier().verify(authentication.serviceCredentials().bearerToken()).isService());
    }

    @Test
    void theTokenIsKeptUntilShortlyBeforeItExpiresThenRenewed() {
        MovableClock clock = new MovableClock();
        ServiceCredentials credentials = authentication(client("cleave.auth.client.secret", "s3cret"), clock)
                .serviceCredentials();

        String first = credentials.bearerToken();
        clock.advance(Duration.ofSeconds(200));
        assertEquals(first, credentials.bearerToken(), "the test issuer's tokens live 300 s");
        clock.advance(Duration.ofSeconds(50));
        assertNotEquals(first, credentials.bearerToken(), "renewed a minute before it expires");
    }

    @Test
    void withoutClientCredentialsAServiceThatCallsAnotherCannotBeWired() {
        Authentication authentication = authentication(Map.of(), Clock.systemUTC());

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                                                        authentication::serviceCredentials);
        assertTrue(refused.getMessage().contains("CLEAVE_AUTH_CLIENT_ID"), refused::getMessage);
    }

    @Test
    void aTokenEndpointThatCannotBeReachedMakesTheCallUnavailable() {
        try (MockOidcServer down = MockOidcServer.start(workDir, "cleave", Tokens.key("cleave").toJSONString(),
                                                        "{}")) {
            Authentication authentication = Authentication.from(
                    RefusingEveryTokenThatIsNotValidTest.settings(down.issuerUrl().toString(), workDir),
                    config(client("cleave.auth.client.secret", "s3cret")), "order", Duration.ofSeconds(30),
                    Clock.systemUTC());
            ServiceCredentials credentials = authentication.serviceCredentials();
            down.stop();

            UnavailableException unavailable = assertThrows(UnavailableException.class, credentials::bearerToken);
            assertTrue(unavailable.retryAfter().toSeconds() >= 1);
        }
    }

    private static Map<String, String> client(String secretKey, String secret) {
        return Map.of("cleave.auth.client.id", "cleave-order-service", secretKey, secret);
    }

    private static Authentication authentication(Map<String, String> client, Clock clock) {
        return Authentication.from(RefusingEveryTokenThatIsNotValidTest.settings(issuer.issuerUrl().toString(),
                                                                                 workDir),
                                   config(client), "order", Duration.ofSeconds(30), clock);
    }

    private static Config config(Map<String, String> values) {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values)).build();
    }

    /** A clock a test moves on by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
