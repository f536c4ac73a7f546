package dev.cleave.platform.api;

/**
 * Well-formed input that names something the use case cannot act on, e.g. an order for a user who does not exist.
 */
public final class UnprocessableException extends DomainException {
    /**
     * Creates the exception.
     *
     * @param detail what happened, for the client
     */
    public UnprocessableException(String detail) {
        super(detail);
    }
}
