package dev.cleave.platform.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs the tokens the tests send: with a key the test issuer also signs with (so its JWKS vouches for them), with
 * the claims a valid token has unless a test changes them.
 */
final class Tokens {
    private Tokens() {
    }

    /** A fresh RSA signing key with a kid. */
    static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid claims: issuer, audience {@code cleave}, a subject, valid for five minutes from a minute ago. */
    static JWTClaimsSet.Builder valid(String issuer, String subject, List<String> roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience("cleave")
                .subject(subject)
                .issueTime(Date.from(now.minusSeconds(60)))
                .notBeforeTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles);
    }

    /** Signs claims with RS256 and the key's kid. */
    static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(key, claims, header -> header);
    }

    /** Signs claims with RS256, the header as a test changes it. */
    static String sign(RSAKey key, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
        SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.RS256)
                                                           .type(JOSEObjectType.JWT)
                                                           .keyID(key.getKeyID())).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
