package dev.cleave.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.cleave.platform.api.UnprocessableException;
import dev.cleave.platform.spi.IdempotencyStore;
import dev.cleave.platform.spi.IdempotencyStore.StoredReply;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Safe retries for {@code POST}: a request with an {@code Idempotency-Key} header runs once per caller (another
 * subject's identical key is another key, so it never gets this caller's reply). The key is claimed
 * before the work runs, and claim, work and reply share one transaction, so after a crash either both exist or
 * neither does, and a request that fails leaves the key free for a retry. A retry with the same key and the same
 * body gets the stored reply and creates nothing; the same key with another body is refused with 422. Of concurrent
 * requests with one key exactly one runs the work; the others wait for it (about two seconds at most) and replay its
 * reply, or, if it is still in flight then, get 409 with {@code Retry-After}.
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
    // How long a request whose claim was refused waits for the other request's reply to be readable.
    private static final Duration COMMITTED_WAIT = Duration.ofSeconds(1);
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Base64.Encoder SUBJECT_DIGEST = Base64.getUrlEncoder().withoutPadding();

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
        handle(request, response, Function.identity(), work);
    }

    /**
     * Handles a creating request in two steps: {@code prepare} checks the body and asks what it needs from elsewhere
     * (another service, say) before any transaction opens, so a slow or frozen remote holds no pooled connection;
     * {@code work} then runs at most once per key, in one transaction with the stored reply. A retry that is
     * answered with a stored reply runs neither.
     *
     * @param request  the request
     * @param response the response
     * @param prepare  turns the body into what the work needs; runs outside any transaction
     * @param work     turns that into a reply; runs inside one transaction with the stored reply
     * @param <P>      what the work needs
     */
    public <P> void handle(ServerRequest request,
                           ServerResponse response,
                           Function<JsonFields, P> prepare,
                           Function<P, Reply> work) {
        JsonFields body = JsonBody.read(request);
        Optional<String> key = request.headers().first(KEY);
        if (key.isEmpty()) {
            work.apply(prepare.apply(body)).send(response);
            return;
        }
        String checkedKey = checked(key.get());
        String scope = scope(request);
        String fingerprint = body.fingerprint();

        Optional<StoredReply> earlier = records.find(scope, checkedKey);
        if (earlier.isPresent()) {
            replay(earlier.get(), fingerprint, response);
            return;
        }
        P prepared = prepare.apply(body);
        // The key is claimed first, in the work's transaction: of concurrent requests with one key exactly one runs
        // the work, and if that one fails, its rollback frees the key for a retry.
        Optional<Reply> reply;
        try {
            reply = records.inTransaction(() -> switch (records.claim(scope, checkedKey, fingerprint,
                                                                      clock.instant())) {
                case CLAIMED -> {
                    Reply fresh = work.apply(prepared);
                    records.complete(scope, checkedKey, new StoredReply(fingerprint, fresh.status(), fresh.location(),
                                                                        fresh.etag(), fresh.body()));
                    yield Optional.of(fresh);
                }
                case TAKEN -> Optional.empty();
                case IN_FLIGHT -> throw new KeyInFlight();
            });
        } catch (KeyInFlight e) {
            throw inFlight();
        }
        if (reply.isEmpty()) {
            replay(committedReply(scope, checkedKey), fingerprint, response);
            return;
        }
        reply.get().send(response);
        purgeNowAndThen();
    }

    // A claim refused as taken waited for the other request to commit, so its reply is there; should it be purged
    // or not yet visible in between, the answer is the in-flight one after a short wait.
    private StoredReply committedReply(String scope, String key) {
        Instant deadline = clock.instant().plus(COMMITTED_WAIT);
        while (true) {
            Optional<StoredReply> stored = records.find(scope, key);
            if (stored.isPresent()) {
                return stored.get();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw inFlight();
            }
            pause();
        }
    }

    private static HttpProblem inFlight() {
        return HttpProblem.of(ProblemType.CONFLICT,
                              "A request with this Idempotency-Key is still being processed; retry later.",
                              HeaderValues.create(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS));
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

    /** Rolls the transaction back: another request with the same key is still in flight. */
    private static final class KeyInFlight extends RuntimeException {
        KeyInFlight() {
            super(null, null, false, false);
        }
    }

    // A key belongs to its caller: another subject sending the same key gets its own request run, never the first
    // caller's reply. The subject is hashed so the scope stays short whatever a token's sub is.
    private static String scope(ServerRequest request) {
        String subject = Callers.of(request).subject();
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        return SUBJECT_DIGEST.encodeToString(digest) + " " + request.prologue().method().text() + " "
               + request.path().rawPath();
    }
}
