package dev.cleave.platform.api;

/**
 * The client's expectation of the current version does not hold (an `If-Match` that no longer matches).
 */
public final class PreconditionFailedException extends DomainException {
    /**
     * Creates the exception.
     *
     * @param detail what happened, for the client
     */
    public PreconditionFailedException(String detail) {
        super(detail);
    }
}
