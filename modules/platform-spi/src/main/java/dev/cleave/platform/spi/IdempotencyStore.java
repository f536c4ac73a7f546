package dev.cleave.platform.spi;

import java.time.Instant;
import java.util.Optional;

import dev.cleave.platform.api.Transactions;

/**
 * Where a context keeps the replies of requests sent with an {@code Idempotency-Key}: the web side decides what a
 * key means, the persistence side stores the replies in the context's own database. A key is claimed, and its reply
 * stored, inside the {@linkplain #inTransaction transaction} of the work that produced it, so both commit or neither
 * does, and a request that fails leaves its key free.
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
     * Claims a key for a request, inside the current transaction, before the request's work runs. While that
     * transaction is open, a concurrent claim of the same key waits for it (a short while at most): if it commits,
     * the key is {@link Claim#TAKEN}; if it rolls back, the key is free again and the waiting claim takes it. A key
     * already taken never fails a statement, so the transaction stays usable.
     *
     * @param scope       what the key applies to
     * @param key         the client's key
     * @param fingerprint the request body's fingerprint
     * @param now         when the key was claimed
     * @return whether this transaction now holds the key
     */
    Claim claim(String scope, String key, String fingerprint, Instant now);

    /**
     * Stores the reply of a request whose key this transaction {@linkplain #claim claimed}.
     *
     * @param scope what the key applies to
     * @param key   the client's key
     * @param reply the reply
     */
    void complete(String scope, String key, StoredReply reply);

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

    /** What became of a claim. */
    enum Claim {
        /** This transaction holds the key: run the work, then {@linkplain IdempotencyStore#complete store} it. */
        CLAIMED,
        /** Another request with the key committed: its reply is stored. */
        TAKEN,
        /** Another request with the key is still in flight after the wait; roll back and answer "retry later". */
        IN_FLIGHT
    }
}
