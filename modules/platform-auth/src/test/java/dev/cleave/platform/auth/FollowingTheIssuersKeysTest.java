package dev.cleave.platform.auth;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import dev.cleave.platform.testing.MockOidcServer;
import io.helidon.config.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issuer's keys over time, against a real OIDC server: rotated while the service runs, unreachable after they
 * were fetched, and unreachable before any was.
 */
class FollowingTheIssuersKeysTest {
    private static final Duration QUICK_REFETCH = Duration.ofMillis(200);
    @TempDir
    Path workDir;

    @Test
    void keysTheIssuerRotatesToAreTrustedWithoutARestartAndTheOldOnesNoLonger() throws InterruptedException {
        RSAKey first = Tokens.key("cleave");
        RSAKey second = Tokens.key("cleave");
        try (MockOidcServer issuer = MockOidcServer.start(workDir, "cleave", first.toJSONString(), "{}");
             ProtectedServer server = serverOf(issuer)) {
            String iss = issuer.issuerUrl().toString();
            assertEquals(200, server.whoami(Tokens.sign(first, Tokens.valid(iss, "alice", List.of()).build()))
                    .statusCode());

            issuer.restart(second.toJSONString());
            Thread.sleep(QUICK_REFETCH.toMillis() * 2);

            HttpResponse<String> rotated = server.whoami(Tokens.sign(second, Tokens.valid(iss, "bob", List.of())
                    .build()));
            assertEquals(200, rotated.statusCode(), rotated::body);
            assertEquals("bob []", rotated.body());
            assertEquals(401, server.whoami(Tokens.sign(first, Tokens.valid(iss, "alice", List.of()).build()))
                    .statusCode(), "the retired key");
        }
    }

    @Test
    void keysAlreadyFetchedKeepWorkingWhileTheIssuerIsDown() {
        RSAKey key = Tokens.key("cleave");
        try (MockOidcServer issuer = MockOidcServer.start(workDir, "cleave", key.toJSONString(), "{}");
             ProtectedServer server = serverOf(issuer)) {
            String iss = issuer.issuerUrl().toString();
            assertEquals(200, server.whoami(Tokens.sign(key, Tokens.valid(iss, "alice", List.of()).build()))
                    .statusCode());

            issuer.stop();

            assertEquals(200, server.whoami(Tokens.sign(key, Tokens.valid(iss, "alice", List.of()).build()))
                    .statusCode());
            assertEquals(401, server.whoami(Tokens.sign(Tokens.key("cleave"), Tokens.valid(iss, "eve", List.of())
                    .build())).statusCode(), "a key it never had, whatever the outage");
        }
    }

    @Test
    void withNoKeyEverFetchedTokensCannotBeCheckedAndTheAnswerIs503() throws InterruptedException {
        RSAKey key = Tokens.key("cleave");
        try (MockOidcServer issuer = MockOidcServer.start(workDir, "cleave", key.toJSONString(), "{}")) {
            String iss = issuer.issuerUrl().toString();
            issuer.stop();
            try (ProtectedServer server = serverOf(issuer)) {
                HttpResponse<String> reply = server.whoami(Tokens.sign(key, Tokens.valid(iss, "alice", List.of())
                        .build()));

                assertEquals(503, reply.statusCode(), reply::body);
                assertTrue(reply.headers().firstValue("Retry-After").isPresent());
                assertTrue(reply.body().contains("urn:cleave:problem:unavailable"), reply::body);

                issuer.restart(key.toJSONString());
                // A down issuer is asked at most once a second, so the first answer after its return may still
                // be the 503 of the last attempt; within a few seconds tokens are checked again.
                assertEquals(200, statusWithin(Duration.ofSeconds(5), server,
                                               Tokens.sign(key, Tokens.valid(iss, "alice", List.of()).build())),
                             "checked again once the issuer is back");
            }
        }
    }

    private static int statusWithin(Duration bound, ProtectedServer server, String token) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        int status = server.whoami(token).statusCode();
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = server.whoami(token).statusCode();
        }
        return status;
    }

    private ProtectedServer serverOf(MockOidcServer issuer) {
        return new ProtectedServer(Authentication.from(
                RefusingEveryTokenThatIsNotValidTest.settings(issuer.issuerUrl().toString(), workDir), Config.empty(),
                "test", QUICK_REFETCH, Clock.systemUTC()));
    }
}
