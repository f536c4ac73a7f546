package dev.cleave.platform.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.cleave.platform.api.Caller;
import dev.cleave.platform.testing.AllAtOnce;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A verified token is remembered by its exact text, so its signature is checked once, not on every request: for a
 * bounded time, never past its expiry, and a token that differs in any byte is checked in full.
 */
class RememberingVerifiedTokensTest {
    private static final String ISSUER = "https://issuer.example";

    private final RSAKey key = Tokens.key("k1");
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final JWKSource<SecurityContext> keys = (selector, context) -> {
        keyLookups.incrementAndGet();
        return new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())).get(selector, context);
    };

    @Test
    void theSameTokenAgainIsNotCheckedAgain() throws Exception {
        TokenVerifier verifier = verifier(Duration.ofMinutes(1));
        String token = Tokens.sign(key, Tokens.valid(ISSUER, "ada", List.of("admin")).build());

        Caller first = verifier.verify(token);
        Caller second = verifier.verify(token);

        assertEquals(Caller.admin("ada"), first);
        assertEquals(first, second);
        assertEquals(1, keyLookups.get());
    }

    @Test
    void requestsArrivingTogetherWithATokenNotYetRememberedWaitForOneCheck() throws Exception {
        TokenVerifier verifier = verifier(Duration.ofMinutes(1));
        String token = Tokens.sign(key, Tokens.valid(ISSUER, "ada", List.of()).build());

        List<Caller> callers = AllAtOnce.race(16, () -> verifier.verify(token));

        assertEquals(16, callers.stream().filter(Caller.customer("ada")::equals).count());
        assertEquals(1, keyLookups.get());
    }

    @Test
    void aRefusedTokenIsNotRememberedAndRefusedAgain() {
        TokenVerifier verifier = verifier(Duration.ofMinutes(1));
        String foreign = Tokens.sign(Tokens.key("k1"), Tokens.valid(ISSUER, "mallory", List.of("admin")).build());

        assertThrows(InvalidTokenException.class, () -> verifier.verify(foreign));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(foreign));
        assertEquals(2, keyLookups.get());
    }

    @Test
    void aTokenThatDiffersInAnyByteIsCheckedInFullAndRefused() throws Exception {
        TokenVerifier verifier = verifier(Duration.ofMinutes(1));
        String token = Tokens.sign(key, Tokens.valid(ISSUER, "ada", List.of()).build());
        verifier.verify(token);

        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertThrows(InvalidTokenException.class, () -> verifier.verify(tampered));
        assertEquals(2, keyLookups.get());
    }

    @Test
    void aRememberedTokenIsCheckedAgainOnceItsTimeIsUp() throws Exception {
        TokenVerifier verifier = verifier(Duration.ofMillis(50));
        String token = Tokens.sign(key, Tokens.valid(ISSUER, "ada", List.of()).build());
        verifier.verify(token);

        Thread.sleep(150);
        verifier.verify(token);

        assertEquals(2, keyLookups.get());
    }

    @Test
    void aTokenIsNeverRememberedPastItsExpiry() throws Exception {
        TokenVerifier verifier = verifier(Duration.ofMinutes(1));
        JWTClaimsSet shortLived = Tokens.valid(ISSUER, "ada", List.of())
                .expirationTime(Date.from(Instant.now().plusMillis(1_500)))
                .build();
        String token = Tokens.sign(key, shortLived);
        verifier.verify(token);

        Thread.sleep(2_000);

        assertThrows(InvalidTokenException.class, () -> verifier.verify(token), "expired, and no skew allowed");
    }

    private TokenVerifier verifier(Duration rememberedFor) {
        return new TokenVerifier(ISSUER, "cleave", "roles", Duration.ZERO, keys, () -> false, rememberedFor);
    }
}
