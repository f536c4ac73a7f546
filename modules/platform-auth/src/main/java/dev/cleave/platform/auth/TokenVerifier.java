package dev.cleave.platform.auth;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.cleave.platform.api.Caller;

/**
 * Turns a compact JWT into the {@link Caller} it speaks for, or refuses it, following RFC 8725: the signature by the
 * issuer's key that the token's {@code kid} names; the algorithm from an allowlist of asymmetric ones (so neither
 * {@code none} nor an HMAC keyed with a public key can pass); {@code typ} absent, {@code JWT} or {@code at+jwt};
 * {@code iss} exactly; {@code aud} containing the audience; {@code exp} (required) and {@code nbf} with a small clock
 * skew; a {@code sub}. Roles come from a configurable claim path.
 *
 * <p>A token that passed is remembered, by its exact text, until it expires or for a minute at most, whichever is
 * sooner: a caller sending the same token again and again costs one signature check a minute, not one a request.
 */
public final class TokenVerifier {
    /** The only algorithms accepted: asymmetric, and what OIDC issuers sign with. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256);

    /** How long a verified token is remembered at most, so its signature is not checked on every request. */
    static final Duration REMEMBERED_FOR = Duration.ofSeconds(60);
    /** How many verified tokens are remembered at most; beyond that the least used are forgotten. */
    static final long MOST_REMEMBERED = 10_000;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final List<String> rolesPath;
    private final BooleanSupplier reloadKeys;
    // Keyed by the whole token: a changed byte is another key, checked in full. Each entry lives until the token
    // expires or for REMEMBERED_FOR, whichever is sooner, so a key the issuer withdraws stops counting within it.
    private final Cache<String, Verified> remembered;

    /**
     * Creates a verifier.
     *
     * @param issuer     what {@code iss} must be, exactly
     * @param audience   what {@code aud} must contain
     * @param rolesClaim the dotted path of the roles claim, e.g. {@code roles} or {@code realm_access.roles}
     * @param clockSkew  the leeway on {@code exp} and {@code nbf}
     * @param keys       the issuer's signing keys
     * @param reloadKeys fetches the keys again (rate-limited), answering whether they changed
     */
    TokenVerifier(String issuer, String audience, String rolesClaim, Duration clockSkew,
                  JWKSource<SecurityContext> keys, BooleanSupplier reloadKeys) {
        this(issuer, audience, rolesClaim, clockSkew, keys, reloadKeys, REMEMBERED_FOR);
    }

    /**
     * Creates a verifier that remembers verified tokens for a time of the caller's choosing (a test's).
     *
     * @param rememberedFor how long a verified token is remembered at most
     */
    TokenVerifier(String issuer, String audience, String rolesClaim, Duration clockSkew,
                  JWKSource<SecurityContext> keys, BooleanSupplier reloadKeys, Duration rememberedFor) {
        this.rolesPath = List.of(rolesClaim.split("\\."));
        this.reloadKeys = reloadKeys;
        this.remembered = Caffeine.newBuilder()
                .maximumSize(MOST_REMEMBERED)
                .expireAfter(Expiry.creating((String token, Verified verified) -> verified.rememberFor(rememberedFor)))
                .build();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of(JWTClaimNames.SUBJECT, JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.ISSUER,
                       JWTClaimNames.AUDIENCE),
                Set.of());
        claims.setMaxClockSkew((int) clockSkew.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * Verifies a token.
     *
     * @param token the compact JWT, as it came after {@code Bearer }
     * @return the caller it speaks for
     * @throws InvalidTokenException    if it cannot be trusted
     * @throws KeysUnavailableException if no key is known and the issuer cannot be asked now
     */
    public Caller verify(String token) throws InvalidTokenException, KeysUnavailableException {
        try {
            // Callers arriving together with a token not yet remembered wait for one check, not one each: a burst of
            // requests right after a token's minute is up costs one signature check, not a CPU spike.
            return remembered.get(token, this::verifyOrCarry).caller();
        } catch (Carried carried) {
            if (carried.getCause() instanceof KeysUnavailableException unavailable) {
                throw unavailable;
            }
            throw (InvalidTokenException) carried.getCause();
        }
    }

    // The cache's loader cannot throw checked exceptions: a refusal travels out of it in a Carried.
    private Verified verifyOrCarry(String token) {
        try {
            return verifyInFull(token);
        } catch (InvalidTokenException | KeysUnavailableException e) {
            throw new Carried(e);
        }
    }

    private Verified verifyInFull(String token) throws InvalidTokenException, KeysUnavailableException {
        JWTClaimsSet claims;
        try {
            claims = process(token);
        } catch (RateLimitReachedException e) {
            // An unknown kid while the keys were refetched a moment ago: the token is what is wrong.
            throw new InvalidTokenException("no key of the issuer has the token's kid", e);
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e.getMessage(), e);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidTokenException(e.getMessage(), e);
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidTokenException("the token has an empty sub", null);
        }
        return new Verified(new Caller(subject, roles(claims)), claims.getExpirationTime().toInstant());
    }

    /** A refusal, on its way out of the cache's loader. */
    private static final class Carried extends RuntimeException {
        Carried(Exception refusal) {
            super(refusal.getMessage(), refusal, false, false);
        }
    }

    /** A token verified a moment ago: whom it speaks for, and until when it is valid. */
    private record Verified(Caller caller, Instant expiresAt) {
        Duration rememberFor(Duration most) {
            Duration left = Duration.between(Instant.now(), expiresAt);
            return left.isNegative() ? Duration.ZERO : left.compareTo(most) < 0 ? left : most;
        }
    }

    // A signature that fails with the key its kid names may be signed by a key the issuer has since put under that
    // kid: checked once more after the keys were fetched again, if they changed.
    private JWTClaimsSet process(String token) throws ParseException, BadJOSEException, JOSEException {
        try {
            return processor.process(token, null);
        } catch (BadJWSException e) {
            if (reloadKeys.getAsBoolean()) {
                return processor.process(token, null);
            }
            throw e;
        }
    }

    private Set<String> roles(JWTClaimsSet claims) throws InvalidTokenException {
        Object node = claims.getClaims();
        for (String step : rolesPath) {
            if (!(node instanceof Map<?, ?> map)) {
                return Set.of();
            }
            node = map.get(step);
        }
        if (node == null) {
            return Set.of();
        }
        if (!(node instanceof List<?> list)) {
            throw new InvalidTokenException("the roles claim " + String.join(".", rolesPath) + " is no array", null);
        }
        List<String> roles = new ArrayList<>();
        for (Object role : list) {
            if (role instanceof String name) {
                roles.add(name);
            }
        }
        return Set.copyOf(roles);
    }
}
