package dev.cleave.platform.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.web.ProblemType;
import dev.cleave.platform.web.Responses;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Token buckets (bucket4j) per client address and per subject. The address filter runs before authentication, so
 * a flood of forged tokens is cut off before it costs signature checks; the subject filter runs after it. A request
 * over its limit is answered 429 with {@code Retry-After} in whole seconds and a problem body. Health probes are
 * never limited. Memory stays bounded: when more than {@value #MOST_KEYS} keys have buckets, those that have
 * refilled completely (their callers went quiet) are dropped, which loses nothing.
 */
public final class RateLimits {
    static final int MOST_KEYS = 100_000;
    private static final String HEALTH = "/observe/health";

    private final RateLimitSettings settings;
    private final TimeMeter time;
    private final Limiter addresses;
    private final Limiter subjects;

    RateLimits(RateLimitSettings settings, TimeMeter time) {
        this.settings = settings;
        this.time = time;
        this.addresses = new Limiter(settings.addressRate(), settings.addressBurst());
        this.subjects = new Limiter(settings.subjectRate(), settings.subjectBurst());
    }

    /**
     * The rate limits of an assembly.
     *
     * @param settings the settings
     * @return the limits
     */
    public static RateLimits create(RateLimitSettings settings) {
        return new RateLimits(settings, TimeMeter.SYSTEM_NANOTIME);
    }

    /**
     * The filter by client address; install it before authentication.
     *
     * @return the filter
     */
    public Filter byAddress() {
        return filter(addresses, request -> request.remotePeer().host());
    }

    /**
     * The filter by authenticated subject; install it after authentication.
     *
     * @return the filter
     */
    public Filter bySubject() {
        return filter(subjects, request -> request.context().get(Caller.class).map(Caller::subject).orElse(null));
    }

    /**
     * One line for the start-up log.
     *
     * @return what is limited
     */
    public String describe() {
        return settings.describe();
    }

    private Filter filter(Limiter limiter, Function<RoutingRequest, String> keyOf) {
        return (FilterChain chain, RoutingRequest request, RoutingResponse response) -> {
            String key = settings.enabled() && !isHealth(request) ? keyOf.apply(request) : null;
            if (key == null) {
                chain.proceed();
                return;
            }
            ConsumptionProbe probe = limiter.bucket(key).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                chain.proceed();
                return;
            }
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
            Responses.problem(request, response, ProblemType.TOO_MANY_REQUESTS.with(
                    "Too many requests from this caller; retry after " + seconds + " s."));
        };
    }

    private static boolean isHealth(RoutingRequest request) {
        String path = request.path().path();
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    /** The buckets of one kind of key. */
    private final class Limiter {
        private final long rate;
        private final long burst;
        private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

        Limiter(long rate, long burst) {
            this.rate = rate;
            this.burst = burst;
        }

        Bucket bucket(String key) {
            Bucket bucket = buckets.get(key);
            if (bucket != null) {
                return bucket;
            }
            if (buckets.size() >= MOST_KEYS) {
                buckets.values().removeIf(idle -> idle.getAvailableTokens() >= burst);
            }
            return buckets.computeIfAbsent(key, fresh -> Bucket.builder()
                    .addLimit(limit -> limit.capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)))
                    .withCustomTimePrecision(time)
                    .build());
        }

        int size() {
            return buckets.size();
        }
    }

    int trackedAddresses() {
        return addresses.size();
    }
}
