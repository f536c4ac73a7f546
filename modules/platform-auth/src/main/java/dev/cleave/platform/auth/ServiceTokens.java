package dev.cleave.platform.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

import dev.cleave.platform.spi.ServiceCredentials;

/**
 * This service's own access token, for its calls to other services: obtained from a source (the issuer's
 * client-credentials grant, or the development issuer), kept until shortly before it expires and then renewed.
 * Concurrent callers share one renewal. A source that fails throws
 * {@link dev.cleave.platform.api.UnavailableException}, so the request that needed the token is answered 503.
 */
final class ServiceTokens implements ServiceCredentials {
    private static final Duration MOST_EARLY = Duration.ofSeconds(60);

    private final Source source;
    private final Clock clock;
    private final ReentrantLock renewing = new ReentrantLock();
    private volatile Issued current;
    private volatile Instant renewAt = Instant.MIN;

    ServiceTokens(Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    @Override
    public String bearerToken() {
        Issued token = current;
        if (token != null && clock.instant().isBefore(renewAt)) {
            return token.value();
        }
        renewing.lock();
        try {
            if (current != null && clock.instant().isBefore(renewAt)) {
                return current.value();
            }
            Instant now = clock.instant();
            Issued fresh = source.issue();
            Duration lifetime = Duration.between(now, fresh.expiresAt());
            // Renewed a fifth of its lifetime early, at most a minute: a request never leaves with a token about to
            // expire on the way, and a short-lived token is not renewed on every call.
            Duration early = lifetime.dividedBy(5).compareTo(MOST_EARLY) < 0 ? lifetime.dividedBy(5) : MOST_EARLY;
            current = fresh;
            renewAt = fresh.expiresAt().minus(early);
            return fresh.value();
        } finally {
            renewing.unlock();
        }
    }

    /** Where tokens come from. */
    @FunctionalInterface
    interface Source {
        /**
         * Issues a token.
         *
         * @return the token and when it expires
         * @throws dev.cleave.platform.api.UnavailableException if none can be had now
         */
        Issued issue();
    }

    /**
     * One issued token.
     *
     * @param value     the compact token
     * @param expiresAt when it expires
     */
    record Issued(String value, Instant expiresAt) {
    }
}
