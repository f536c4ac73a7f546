package dev.cleave.platform.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The issuer for development: signs tokens with an RSA key kept in one file, created on first use, so that
 * {@code ./cleave run} needs no OIDC server and {@code ./cleave token} can hand out tokens it accepts. Its tokens
 * name the issuer {@value #ISSUER}. An assembly trusts it only when no real issuer is configured and development is
 * allowed; it warns on every start that it does.
 */
public final class DevelopmentIssuer {
    /** The {@code iss} of every development token. */
    public static final String ISSUER = "urn:cleave:development-issuer";

    private final RSAKey key;
    private final String audience;
    private final Clock clock;

    private DevelopmentIssuer(RSAKey key, String audience, Clock clock) {
        this.key = key;
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * The issuer whose key is in a file, creating the key if there is none yet. Two processes starting at once
     * end up with the same key: the first to create the file wins and the other reads it.
     *
     * @param keyFile  where the private key is kept (a JWK), readable by its owner only
     * @param audience the {@code aud} of its tokens
     * @param clock    the time source
     * @return the issuer
     * @throws UncheckedIOException if the file can be neither read nor created
     */
    public static DevelopmentIssuer open(Path keyFile, String audience, Clock clock) {
        return new DevelopmentIssuer(loadOrCreate(keyFile.toAbsolutePath()), audience, clock);
    }

    /**
     * Signs a token.
     *
     * @param subject  its {@code sub}
     * @param roles    its {@code roles}
     * @param lifetime how long it is valid
     * @return the compact JWT
     */
    public String mint(String subject, Set<String> roles, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.copyOf(roles))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                                              .type(JOSEObjectType.JWT)
                                              .keyID(key.getKeyID())
                                              .build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with the development key failed", e);
        }
        return jwt.serialize();
    }

    /** The public key, as the verifier's key source. */
    JWKSource<SecurityContext> keys() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent());
            RSAKey fresh = new RSAKeyGenerator(2048)
                    .keyID("dev-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            Path draft = Files.createTempFile(file.getParent(), ".dev-issuer-", ".json");
            try {
                ownerOnly(draft);
                Files.writeString(draft, fresh.toJSONString(), StandardCharsets.UTF_8);
                // A link fails if the file appeared meanwhile, unlike a rename, which would replace it: of two
                // processes creating the key at once, both end up with the one that got there first.
                Files.createLink(file, draft);
                return fresh;
            } catch (FileAlreadyExistsException e) {
                return read(file);
            } finally {
                Files.deleteIfExists(draft);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the development issuer's key " + file + " can be neither read nor "
                                           + "created: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("generating the development key failed", e);
        }
    }

    private static RSAKey read(Path file) throws IOException {
        try {
            RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate()) {
                throw new IOException("it holds a public key only (delete it to have a new one made)");
            }
            return key;
        } catch (ParseException e) {
            throw new IOException("it holds no RSA key (delete it to have a new one made)", e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file keeps the directory's permissions.
        }
    }
}
