package dev.cleave.platform.auth;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.web.Callers;
import io.github.bucket4j.TimeMeter;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rate limits in front of a real server, on a clock the test moves: a caller over its burst gets 429 with
 * {@code Retry-After} and a problem body while other callers go on, its bucket refills with time, the address limit
 * applies before anyone is authenticated, health is never limited, and {@code off} limits nothing.
 */
class LimitingTheRateOfEachCallerTest {
    private static final String SUBJECT = "Test-Subject";

    private final AtomicLong nanos = new AtomicLong();
    private ProtectedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSubjectOverItsBurstIsToldWhenToRetryWhileOthersGoOn() {
        start(limits(Map.of("subject.per-second", "1", "subject.burst", "3")));

        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/work", "ada").statusCode());
        }
        HttpResponse<String> refused = get("/work", "ada");

        assertEquals(429, refused.statusCode(), refused::body);
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(refused.body().contains("urn:cleave:problem:too-many-requests"), refused::body);
        assertEquals(200, get("/work", "grace").statusCode(), "another subject has a bucket of its own");
    }

    @Test
    void theBucketRefillsAsTimePasses() {
        start(limits(Map.of("subject.per-second", "2", "subject.burst", "2")));
        get("/work", "ada");
        get("/work", "ada");
        assertEquals(429, get("/work", "ada").statusCode());

        nanos.addAndGet(Duration.ofMillis(500).toNanos());

        assertEquals(200, get("/work", "ada").statusCode());
        assertEquals(429, get("/work", "ada").statusCode());
    }

    @Test
    void theAddressLimitAppliesBeforeAnyoneIsAuthenticated() {
        start(limits(Map.of("address.per-second", "1", "address.burst", "2")));

        assertEquals(200, get("/work", null).statusCode());
        assertEquals(200, get("/work", "ada").statusCode());
        HttpResponse<String> refused = get("/work", "grace");

        assertEquals(429, refused.statusCode(), "one address, whoever it claims to be");
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void healthIsNeverLimited() {
        start(limits(Map.of("address.per-second", "1", "address.burst", "1")));

        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/observe/health/ready", null).statusCode());
        }
    }

    @Test
    void offLimitsNothing() {
        start(limits(Map.of("mode", "off", "subject.per-second", "1", "subject.burst", "1")));

        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/work", "ada").statusCode());
        }
    }

    @Test
    void theDefaultsAreGenerousAndOn() {
        RateLimitSettings defaults = limits(Map.of());

        assertTrue(defaults.enabled());
        assertTrue(defaults.subjectBurst() >= 10_000 && defaults.addressBurst() >= defaults.subjectBurst());
        assertTrue(defaults.describe().contains("per subject"), defaults::describe);
        assertFalse(limits(Map.of("mode", "OFF")).enabled());
    }

    @Test
    void aSettingThatIsNotOneTheLimitsAllowIsRefusedByName() {
        IllegalArgumentException mode = assertThrows(IllegalArgumentException.class,
                                                     () -> limits(Map.of("mode", "sometimes")));
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class,
                                                     () -> limits(Map.of("subject.per-second", "0")));

        assertTrue(mode.getMessage().contains("CLEAVE_RATE_LIMIT"), mode::getMessage);
        assertTrue(rate.getMessage().contains("cleave.rate-limit.subject.per-second"), rate::getMessage);
    }

    private static RateLimitSettings limits(Map<String, String> values) {
        Map<String, String> prefixed = new HashMap<>();
        values.forEach((key, value) -> prefixed.put("cleave.rate-limit." + key, value));
        return RateLimitSettings.from(Config.just(ConfigSources.create(prefixed)));
    }

    // The address filter, a stand-in for authentication that takes the subject from a header, the subject filter.
    private void start(RateLimitSettings settings) {
        RateLimits limits = new RateLimits(settings, new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        });
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter(limits.byAddress())
                .addFilter((chain, request, response) -> {
                    request.headers().first(HeaderNames.create(SUBJECT))
                            .ifPresent(subject -> Callers.record(request, Caller.customer(subject)));
                    chain.proceed();
                })
                .addFilter(limits.bySubject())
                .get("/work", (request, response) -> response.send("done"))
                .get("/observe/health/ready", (request, response) -> response.send("UP"));
        server = new ProtectedServer(routing);
    }

    private HttpResponse<String> get(String path, String subject) {
        return subject == null ? server.get(path) : server.get(path, SUBJECT, subject);
    }
}
