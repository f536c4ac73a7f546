package dev.cleave.platform.auth;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;

/**
 * An OIDC issuer as this service sees it: its discovery document, read on first need and kept, and its signing keys
 * (JWKS), kept by nimbus's caching key source. A token naming an unknown {@code kid} makes the key source fetch the
 * keys again, at most once per refetch interval, so the issuer can rotate keys without a restart; while the issuer
 * cannot be reached the keys already fetched keep working. Until discovery has succeeded once, it is retried at most
 * once per second, so a burst of requests against a down issuer costs one attempt.
 */
final class Issuer implements JWKSource<SecurityContext> {
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final int SIZE_LIMIT = 512 * 1024;
    private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(1);
    private static final long KEYS_TIME_TO_LIVE_MILLIS = Duration.ofMinutes(15).toMillis();

    private final URI issuer;
    private final Duration refetchInterval;
    private final ResourceRetriever retriever;
    private final Clock clock;
    private volatile Metadata metadata;
    private volatile JWKSource<SecurityContext> keys;
    private Instant lastAttempt = Instant.MIN;
    private KeySourceException lastFailure;

    Issuer(URI issuer, Duration refetchInterval, Clock clock) {
        this.issuer = issuer;
        this.refetchInterval = refetchInterval;
        this.clock = clock;
        this.retriever = new DefaultResourceRetriever(TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT);
    }

    /** The issuer's identifier, exactly as tokens must name it in {@code iss}. */
    String id() {
        return issuer.toString();
    }

    /**
     * The issuer's endpoints, from its discovery document.
     *
     * @throws KeySourceException if the document cannot be had now
     */
    Metadata metadata() throws KeySourceException {
        Metadata known = metadata;
        return known != null ? known : discover();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        JWKSource<SecurityContext> source = keys;
        if (source == null) {
            source = keysOf(metadata());
        }
        return source.get(selector, context);
    }

    /**
     * Fetches the keys again, unless they were fetched within the refetch interval: for a token whose signature
     * failed with the key its {@code kid} names, in case the issuer replaced that key under the same {@code kid}
     * (some do). A failure to fetch keeps the keys there were.
     *
     * @return whether the keys changed
     */
    boolean reload() {
        if (!(keys instanceof JWKSetBasedJWKSource<SecurityContext> cached)) {
            return false;
        }
        long now = clock.millis();
        try {
            JWKSet before = cached.getJWKSetSource().getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
            JWKSet after = cached.getJWKSetSource().getJWKSet(JWKSetCacheRefreshEvaluator.forceRefresh(), now, null);
            return !after.toPublicJWKSet().toString().equals(before.toPublicJWKSet().toString());
        } catch (KeySourceException e) {
            return false;
        }
    }

    private synchronized JWKSource<SecurityContext> keysOf(Metadata known) throws KeySourceException {
        if (keys == null) {
            try {
                keys = JWKSourceBuilder.<SecurityContext>create(known.jwksUri().toURL(), retriever)
                        .cache(KEYS_TIME_TO_LIVE_MILLIS, TIMEOUT_MILLIS)
                        .rateLimited(refetchInterval.toMillis())
                        .outageTolerantForever()
                        .retrying(true)
                        .refreshAheadCache(false)
                        .build();
            } catch (MalformedURLException e) {
                throw new KeySourceException("the issuer's jwks_uri is no URL: " + known.jwksUri(), e);
            }
        }
        return keys;
    }

    private synchronized Metadata discover() throws KeySourceException {
        if (metadata != null) {
            return metadata;
        }
        Instant now = clock.instant();
        if (lastFailure != null && now.isBefore(lastAttempt.plus(DISCOVERY_RETRY))) {
            throw lastFailure;
        }
        lastAttempt = now;
        URI document = URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            URL url = document.toURL();
            Map<String, Object> json = JSONObjectUtils.parse(retriever.retrieveResource(url).getContent());
            Object named = json.get("issuer");
            if (!issuer.toString().equals(named)) {
                throw new KeySourceException("the discovery document at " + document + " names issuer " + named
                                             + ", not " + issuer);
            }
            metadata = new Metadata(uri(json, "jwks_uri", document), optionalUri(json, "token_endpoint", document));
            lastFailure = null;
            return metadata;
        } catch (IOException | ParseException | IllegalArgumentException e) {
            lastFailure = new KeySourceException("the issuer's discovery document " + document + " cannot be read: "
                                                 + e.getMessage(), e);
            throw lastFailure;
        } catch (KeySourceException e) {
            lastFailure = e;
            throw e;
        }
    }

    private static URI uri(Map<String, Object> json, String name, URI document) throws KeySourceException {
        URI uri = optionalUri(json, name, document);
        if (uri == null) {
            throw new KeySourceException("the discovery document " + document + " has no " + name);
        }
        return uri;
    }

    private static URI optionalUri(Map<String, Object> json, String name, URI document) throws KeySourceException {
        Object value = json.get(name);
        if (value == null) {
            return null;
        }
        try {
            return URI.create(value.toString());
        } catch (IllegalArgumentException e) {
            throw new KeySourceException("the discovery document " + document + " has a " + name + " that is no URI",
                                         e);
        }
    }

    /**
     * What the discovery document says.
     *
     * @param jwksUri       where the signing keys are
     * @param tokenEndpoint where tokens are issued, or {@code null} if the issuer names none
     */
    record Metadata(URI jwksUri, URI tokenEndpoint) {
    }
}
