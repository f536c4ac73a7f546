package dev.cleave.platform.api;

/**
 * The caller is known, but its roles do not allow what it asked for (a customer listing every user, say). Only for
 * operations a role decides; someone else's resource is a {@link NotFoundException}, so ids reveal nothing.
 */
public final class ForbiddenException extends DomainException {
    /**
     * Creates the exception.
     *
     * @param detail what the caller may not do, for the client
     */
    public ForbiddenException(String detail) {
        super(detail);
    }
}
