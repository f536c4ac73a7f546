package dev.cleave.platform.auth;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.helidon.config.Config;

/**
 * How an assembly authenticates its callers, from {@code cleave.auth.*} (the launcher maps the documented
 * {@code CLEAVE_AUTH_*} variables onto these keys).
 *
 * <ul>
 *     <li>{@code issuer} ({@code CLEAVE_AUTH_ISSUER}): the OIDC issuer URL; its discovery document and keys are read
 *     from {@code <issuer>/.well-known/openid-configuration}. Without one, only the development issuer can be used.
 *     <li>{@code audience} ({@code CLEAVE_AUTH_AUDIENCE}): what every token's {@code aud} must contain; required with
 *     an issuer, {@value #DEVELOPMENT_AUDIENCE} for the development issuer.
 *     <li>{@code roles-claim} ({@code CLEAVE_AUTH_ROLES_CLAIM}): the claim path of the roles, dotted
 *     ({@code realm_access.roles} for Keycloak); default {@value #DEFAULT_ROLES_CLAIM} (RFC 9068).
 *     <li>{@code clock-skew} ({@code CLEAVE_AUTH_CLOCK_SKEW}, seconds): the leeway on {@code exp} and {@code nbf};
 *     default 30, at most 300.
 *     <li>{@code development} ({@code CLEAVE_AUTH_DEV}): whether the development issuer may be used when no issuer
 *     is configured; the monolith's defaults say yes, the split services' no.
 *     <li>{@code development-key} ({@code CLEAVE_AUTH_DEV_KEY}): the development issuer's signing key file;
 *     default {@code <data-dir>/dev-issuer-key.json}.
 * </ul>
 *
 * @param issuer         the configured issuer, if any
 * @param audience       the audience every token must carry
 * @param rolesClaim     the dotted path of the roles claim
 * @param clockSkew      the leeway on time claims
 * @param development    whether the development issuer may be used without an issuer
 * @param developmentKey where the development issuer keeps its key
 */
public record AuthSettings(Optional<URI> issuer,
                           String audience,
                           String rolesClaim,
                           Duration clockSkew,
                           boolean development,
                           Path developmentKey) {
    /** The audience of the development issuer's tokens, unless {@code audience} says otherwise. */
    public static final String DEVELOPMENT_AUDIENCE = "cleave";
    /** The RFC 9068 roles claim. */
    public static final String DEFAULT_ROLES_CLAIM = "roles";
    private static final long DEFAULT_SKEW_SECONDS = 30;
    private static final long MAX_SKEW_SECONDS = 300;

    /**
     * Reads the settings.
     *
     * @param config  the assembly's configuration (its root)
     * @param dataDir the assembly's data directory
     * @return the settings
     * @throws IllegalArgumentException if a value cannot be used; the message names the variable
     */
    public static AuthSettings from(Config config, Path dataDir) {
        Config auth = config.get("cleave.auth");
        Optional<URI> issuer = auth.get("issuer").asString().asOptional().map(String::trim).filter(s -> !s.isEmpty())
                .map(AuthSettings::issuerUri);
        Optional<String> audience = auth.get("audience").asString().asOptional().map(String::trim)
                .filter(s -> !s.isEmpty());
        if (issuer.isPresent() && audience.isEmpty()) {
            throw new IllegalArgumentException("CLEAVE_AUTH_AUDIENCE (cleave.auth.audience) must be set with "
                                               + "CLEAVE_AUTH_ISSUER: every token must be meant for this API");
        }
        long skew = auth.get("clock-skew").asLong().orElse(DEFAULT_SKEW_SECONDS);
        if (skew < 0 || skew > MAX_SKEW_SECONDS) {
            throw new IllegalArgumentException("CLEAVE_AUTH_CLOCK_SKEW (cleave.auth.clock-skew) must be 0 to "
                                               + MAX_SKEW_SECONDS + " seconds, not " + skew);
        }
        String rolesClaim = auth.get("roles-claim").asString().map(String::trim).filter(s -> !s.isEmpty())
                .orElse(DEFAULT_ROLES_CLAIM);
        Path key = auth.get("development-key").asString().map(Path::of)
                .orElseGet(() -> dataDir.resolve("dev-issuer-key.json"));
        return new AuthSettings(issuer, audience.orElse(DEVELOPMENT_AUDIENCE), rolesClaim, Duration.ofSeconds(skew),
                                auth.get("development").asBoolean().orElse(false), key);
    }

    private static URI issuerUri(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
            || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("CLEAVE_AUTH_ISSUER (cleave.auth.issuer) must be an http(s) URL, not '"
                                               + value + "'");
        }
        return uri;
    }
}
