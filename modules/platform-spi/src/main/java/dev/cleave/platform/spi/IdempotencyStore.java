package dev.cleave.platform.spi;

import java.time.Instant;
import java.util.Optional;

import dev.cleave.platform.api.Transactions;

/**
 * Where a context keeps the replies of requests sent with an {@code Idempotency-Key}: the web side decides what a
 * key means, the persistence side stores the replies in the context's own database. A reply is inserted inside the
 * {@linkplain #inTransaction transaction} of the work that produced it, so both commit or neither does.
 */
public interface IdempotencyStore extends Transactions {

    /**
     * The reply stored for a key.
     *
     * @param scope what the key applies to, e.g. {@code POST /v1/users}
     * @param key   the client's key
     * @return the reply, if one was stored
     */
    Optional<StoredReply> find(String scope, String key);

    /**
     * Stores a reply, inside the current transaction.
     *
     * @param scope what the key applies to
     * @param key   the client's key
     * @param reply the reply
     * @param now   when it was stored
     * @return {@code false} if the key was already taken (by a concurrent request)
     */
    boolean insert(String scope, String key, StoredReply reply, Instant now);

    /**
     * Deletes replies stored before a moment.
     *
     * @param before the moment
     * @return how many were deleted
     */
    int purge(Instant before);

    /**
     * A stored reply.
     *
     * @param fingerprint the request body's fingerprint, to tell a retry from another request with the same key
     * @param status      the HTTP status
     * @param location    the {@code Location} header, or {@code null}
     * @param etag        the {@code ETag} header, or {@code null}
     * @param body        the body
     */
    record StoredReply(String fingerprint, int status, String location, String etag, byte[] body) {
    }
}
