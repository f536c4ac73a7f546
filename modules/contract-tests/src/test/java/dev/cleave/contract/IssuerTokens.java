package dev.cleave.contract;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

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
 * A signing key shared with a test issuer (it signs with the same one, so its JWKS vouches for the tokens signed
 * here), and tokens for the people a test acts as: the mock issuer's client-credentials grant gives only service
 * tokens.
 */
final class IssuerTokens {
    private final RSAKey key;
    private final String issuer;

    private IssuerTokens(RSAKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    /** A fresh RSA key; its kid is the issuer id, as the mock issuer names the key it serves. */
    static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens signed with the key, naming the issuer as {@code iss}. */
    static IssuerTokens of(RSAKey key, String issuer) {
        return new IssuerTokens(key, issuer);
    }

    /** An hour's token for a subject with roles, audience {@code cleave}. */
    String mint(String subject, List<String> roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience("cleave")
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                                              .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
