package dev.cleave.platform.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import dev.cleave.platform.api.Caller;
import dev.cleave.platform.spi.ServiceCredentials;
import io.helidon.config.Config;
import io.helidon.webserver.http.Filter;

/**
 * How an assembly knows its callers, made from its settings: the filter that verifies every request's bearer token,
 * and the credentials it presents itself when it calls another service. With an issuer configured, tokens are
 * checked against that issuer's keys and this service's own token comes from its client-credentials grant; without
 * one, and only where development is allowed, the {@link DevelopmentIssuer} signs and is trusted instead, with a
 * warning on every start.
 */
public final class Authentication {
    private static final System.Logger LOGGER = System.getLogger(Authentication.class.getName());
    /** How long the development issuer's service tokens live. */
    private static final Duration DEVELOPMENT_SERVICE_TOKEN = Duration.ofHours(1);
    /** At most one refetch of the issuer's keys for unknown {@code kid}s per this interval. */
    static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(30);

    private final TokenVerifier verifier;
    private final String description;
    private final CredentialsFactory credentials;
    private final Runnable warmUp;

    private Authentication(TokenVerifier verifier, String description, CredentialsFactory credentials,
                           Runnable warmUp) {
        this.verifier = verifier;
        this.description = description;
        this.credentials = credentials;
        this.warmUp = warmUp;
    }

    /**
     * Makes an assembly's authentication.
     *
     * @param settings the {@code cleave.auth} settings
     * @param config   the assembly's configuration, for this service's own client credentials
     *                 ({@code cleave.auth.client.*})
     * @param assembly the assembly's name, the subject of its development service tokens
     * @return the authentication
     * @throws IllegalArgumentException if there is no issuer and development is not allowed; the message names the
     *                                  variables that would fix it
     */
    public static Authentication from(AuthSettings settings, Config config, String assembly) {
        return from(settings, config, assembly, DEFAULT_REFETCH_INTERVAL, Clock.systemUTC());
    }

    static Authentication from(AuthSettings settings, Config config, String assembly, Duration refetchInterval,
                               Clock clock) {
        if (settings.issuer().isPresent()) {
            Issuer issuer = new Issuer(settings.issuer().get(), refetchInterval, clock);
            TokenVerifier verifier = new TokenVerifier(issuer.id(), settings.audience(), settings.rolesClaim(),
                                                       settings.clockSkew(), issuer, issuer::reload);
            Config client = config.get("cleave.auth.client");
            return new Authentication(verifier, "tokens from " + issuer.id() + " (audience " + settings.audience()
                                                + ", roles from " + settings.rolesClaim() + ")",
                                      () -> new ServiceTokens(clientCredentials(issuer, client, clock), clock),
                                      () -> warm(issuer));
        }
        if (!settings.development()) {
            throw new IllegalArgumentException(
                    "no token issuer is configured: set CLEAVE_AUTH_ISSUER (and CLEAVE_AUTH_AUDIENCE) to your OIDC "
                    + "issuer, or CLEAVE_AUTH_DEV=true to trust the development issuer (never in production)");
        }
        DevelopmentIssuer development = DevelopmentIssuer.open(settings.developmentKey(), settings.audience(), clock);
        TokenVerifier verifier = new TokenVerifier(DevelopmentIssuer.ISSUER, settings.audience(),
                                                   settings.rolesClaim(), settings.clockSkew(), development.keys(),
                                                   () -> false);
        LOGGER.log(System.Logger.Level.WARNING,
                   "trusting the DEVELOPMENT token issuer (key " + settings.developmentKey() + "): anyone who can "
                   + "read that file can act as anyone; set CLEAVE_AUTH_ISSUER for any real deployment");
        return new Authentication(verifier, "tokens from the DEVELOPMENT issuer (./cleave token)",
                                  () -> new ServiceTokens(() -> {
                                      String token = development.mint("service:" + assembly,
                                                                      Set.of(Caller.SERVICE_ROLE),
                                                                      DEVELOPMENT_SERVICE_TOKEN);
                                      return new ServiceTokens.Issued(token, clock.instant()
                                              .plus(DEVELOPMENT_SERVICE_TOKEN));
                                  }, clock),
                                  () -> { });
    }

    /**
     * The filter that authenticates every request but health probes; install it before the routes.
     *
     * @return the filter
     */
    public Filter filter() {
        return new BearerAuthentication(verifier);
    }

    /**
     * The verifier behind the filter.
     *
     * @return the verifier
     */
    public TokenVerifier verifier() {
        return verifier;
    }

    /**
     * The credentials this service presents when it calls another one. Made on first call, so an assembly that
     * calls no other service needs no client credentials.
     *
     * @return the credentials
     * @throws IllegalArgumentException if a real issuer is configured but no client id or secret
     */
    public ServiceCredentials serviceCredentials() {
        return credentials.create();
    }

    /**
     * Starts fetching the issuer's discovery document and keys in the background, so the first request does not
     * wait for them; a failure only logs: requests retry.
     */
    public void warmUp() {
        warmUp.run();
    }

    /**
     * One line for the start-up log: whose tokens are trusted.
     *
     * @return the description
     */
    public String describe() {
        return description;
    }

    private static void warm(Issuer issuer) {
        Thread.ofVirtual().name("cleave-auth-keys").start(() -> {
            try {
                issuer.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
            } catch (Exception e) {
                LOGGER.log(System.Logger.Level.WARNING, "the token issuer's keys cannot be fetched yet ("
                                                        + e.getMessage() + "); requests will try again");
            }
        });
    }

    private static ServiceTokens.Source clientCredentials(Issuer issuer, Config client, Clock clock) {
        Optional<String> id = client.get("id").asString().asOptional().filter(value -> !value.isBlank());
        Optional<String> secret = client.get("secret").asString().asOptional().filter(value -> !value.isBlank())
                .or(() -> client.get("secret-file").asString().asOptional().map(Authentication::readSecret));
        if (id.isEmpty() || secret.isEmpty()) {
            throw new IllegalArgumentException(
                    "this service calls another one and needs its own credentials at the issuer: set "
                    + "CLEAVE_AUTH_CLIENT_ID and CLEAVE_AUTH_CLIENT_SECRET_FILE (or CLEAVE_AUTH_CLIENT_SECRET)");
        }
        return new ClientCredentialsGrant(issuer, id.get().trim(), secret.get(), clock);
    }

    private static String readSecret(String file) {
        try {
            String secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
            if (secret.isEmpty()) {
                throw new IllegalArgumentException("CLEAVE_AUTH_CLIENT_SECRET_FILE " + file + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalArgumentException("CLEAVE_AUTH_CLIENT_SECRET_FILE " + file + " cannot be read: "
                                               + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface CredentialsFactory {
        ServiceCredentials create();
    }
}
