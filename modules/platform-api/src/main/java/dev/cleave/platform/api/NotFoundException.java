package dev.cleave.platform.api;

/**
 * The thing asked for does not exist (or no longer does).
 */
public final class NotFoundException extends DomainException {
    /**
     * Creates the exception.
     *
     * @param detail what happened, for the client
     */
    public NotFoundException(String detail) {
        super(detail);
    }
}
