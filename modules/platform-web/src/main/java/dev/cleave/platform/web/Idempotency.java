package dev.cleave.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.cleave.platform.api.UnprocessableException;
import dev.cleave.platform.spi.IdempotencyStore;
import dev.cleave.platform.spi.IdempotencyStore.StoredReply;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Safe retries for {@code POST}: a request with an {@code Idempotency-Key} header runs once. Its reply is stored in
 * the same transaction as whatever it created, so after a crash either both exist or neither does. A retry with the
 * same key and the same body gets the stored reply and creates nothing; the same key with another body is refused
 * with 422. Two concurrent requests with one key: one commits, the other is rolled back and replays its reply.
 * Replies are kept for at least {@code cleave.idempotency.retention} (default 24 hours), in the database, so keys
 * work across restarts and replicas.
 */
public final class Idempotency {
    /** The request header. */
    public static final HeaderName KEY = HeaderNames.create("Idempotency-Key");
    /** Set on a reply that is a replay of a stored one. */
    public static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");

    private static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    // How long a request waits for a concurrent one with the same key to commit before answering 409.
    private static final Duration CONCURRENT_WAIT = Duration.ofSeconds(5);
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore records;
    private final Clock clock;
    private final Duration retention;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    private Idempotency(IdempotencyStore records, Clock clock, Duration retention) {
        this.records = records;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Creates the idempotency support of one context.
     *
     * @param records   where the context stores replies (in its own database)
     * @param clock     the time source
     * @param retention how long replies are kept; at least 24 hours
     * @return the support
     */
    public static Idempotency create(IdempotencyStore records, Clock clock, Duration retention) {
        if (retention.compareTo(DEFAULT_RETENTION) < 0) {
            throw new IllegalArgumentException("idempotency keys are kept at least 24 hours, not " + retention);
        }
        return new Idempotency(records, clock, retention);
    }

    /**
     * Creates the idempotency support of one context, keeping replies 24 hours.
     *
     * @param records where the context stores replies (in its own database)
     * @param clock   the time source
     * @return the support
     */
    public static Idempotency create(IdempotencyStore records, Clock clock) {
        return create(records, clock, DEFAULT_RETENTION);
    }

    /**
     * Handles a creating request: reads its JSON body, then runs it at most once per key.
     *
     * @param request  the request
     * @param response the response
     * @param work     turns the body into a reply; runs inside one transaction with the stored reply
     */
    public void handle(ServerRequest request, ServerResponse response, Function<JsonFields, Reply> work) {
        JsonFields body = JsonBody.read(request);
        Optional<String> key = request.headers().first(KEY);
        if (key.isEmpty()) {
            work.apply(body).send(response);
            return;
        }
        String checkedKey = checked(key.get());
        String scope = request.prologue().method().text() + " " + request.path().rawPath();
        String fingerprint = body.fingerprint();

        Optional<StoredReply> earlier = records.find(scope, checkedKey);
        if (earlier.isPresent()) {
            replay(earlier.get(), fingerprint, response);
            return;
        }
        Reply reply;
        try {
            reply = records.inTransaction(() -> {
                Reply fresh = work.apply(body);
                StoredReply stored = new StoredReply(fingerprint, fresh.status(), fresh.location(), fresh.etag(),
                                           fresh.body());
                if (!records.insert(scope, checkedKey, stored, clock.instant())) {
                    throw new KeyTakenConcurrently();
                }
                return fresh;
            });
        } catch (KeyTakenConcurrently e) {
            replay(awaitConcurrent(scope, checkedKey), fingerprint, response);
            return;
        }
        reply.send(response);
        purgeNowAndThen();
    }

    private StoredReply awaitConcurrent(String scope, String key) {
        Instant deadline = clock.instant().plus(CONCURRENT_WAIT);
        while (clock.instant().isBefore(deadline)) {
            Optional<StoredReply> stored = records.find(scope, key);
            if (stored.isPresent()) {
                return stored.get();
            }
            pause();
        }
        throw HttpProblem.of(ProblemType.CONFLICT,
                             "A request with this Idempotency-Key is still being processed; retry later.");
    }

    private static void replay(StoredReply stored, String fingerprint, ServerResponse response) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new UnprocessableException("This Idempotency-Key was already used with a different request body.");
        }
        response.header(REPLAYED, "true");
        new Reply(stored.status(), stored.location(), stored.etag(), stored.body()).send(response);
    }

    private static String checked(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw HttpProblem.malformed("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                                        + " visible ASCII characters.");
        }
        return key;
    }

    // Old replies are deleted at most every ten minutes, by whichever request comes along.
    private void purgeNowAndThen() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (now.isAfter(last.plus(PURGE_EVERY)) && lastPurge.compareAndSet(last, now)) {
            records.purge(now.minus(retention));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpProblem.of(ProblemType.CONFLICT, "Interrupted while waiting for a concurrent request.");
        }
    }

    /** Rolls the transaction back: another request with the same key committed first. */
    private static final class KeyTakenConcurrently extends RuntimeException {
        KeyTakenConcurrently() {
            super(null, null, false, false);
        }
    }
}
