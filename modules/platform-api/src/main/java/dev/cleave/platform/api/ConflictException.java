package dev.cleave.platform.api;

/**
 * The request clashes with the current state, e.g. a taken email or an order already cancelled.
 */
public final class ConflictException extends DomainException {
    /**
     * Creates the exception.
     *
     * @param detail what happened, for the client
     */
    public ConflictException(String detail) {
        super(detail);
    }
}
