package dev.cleave.platform.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Something the use case depends on cannot answer right now; the client may retry after {@link #retryAfter()}.
 */
public final class UnavailableException extends DomainException {
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param detail     what is unavailable, for the client
     * @param retryAfter when a retry makes sense
     * @param cause      the failure behind it, for the server log
     */
    public UnavailableException(String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /**
     * How long a client should wait before retrying.
     *
     * @return the suggested delay
     */
    public Duration retryAfter() {
        return retryAfter;
    }
}
