package dev.cleave.platform.api;

/**
 * An expected way for a use case to end other than success. Its message is written for the client and never
 * holds internals. No stack trace is captured: these are outcomes, not bugs.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidInputException, NotFoundException, ConflictException, PreconditionFailedException,
                UnprocessableException, UnavailableException, ForbiddenException {

    /**
     * Creates the exception with a client-facing message.
     *
     * @param detail what happened, for the client
     */
    protected DomainException(String detail) {
        super(detail, null, false, false);
    }

    /**
     * Creates the exception with a client-facing message and the failure behind it, kept for the server log.
     *
     * @param detail what happened, for the client
     * @param cause  the failure behind it
     */
    protected DomainException(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }
}
