package dev.cleave.platform.spi;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.spi.EventTransport.TransportUnavailableException;

/**
 * Why handling or delivering an event failed, decided in one place for every transport: a <em>passing</em> fault
 * (the infrastructure cannot answer now: no database connection, a pool that has none free, a serialization failure
 * or deadlock a retry clears, an unreachable broker or remote service) is retried without limit and never counts
 * toward setting the event aside; anything else is <em>poison</em> (the event cannot be decoded, or its handler
 * fails for a reason a retry will not clear), retried a few times and then set aside as a dead letter.
 *
 * <p>The persistence layer translates the database's passing failures into {@link UnavailableException}, and remote
 * clients and transports report theirs as {@link UnavailableException} or {@link TransportUnavailableException}, so
 * the decision is whether one of those is anywhere in the cause chain.
 */
public final class Faults {
    /** Failed attempts after which a poison event is set aside as a dead letter. */
    public static final int MAX_POISON_ATTEMPTS = 5;

    private static final int LONGEST_REASON = 500;

    private Faults() {
    }

    /**
     * Whether a failure is passing: an {@link UnavailableException} or a {@link TransportUnavailableException}
     * anywhere in its cause chain.
     *
     * @param failure the failure
     * @return {@code true} if a retry may succeed without anything being fixed
     */
    public static boolean isPassing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnavailableException || cause instanceof TransportUnavailableException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * A failure as one line for an operator: the simple class name and the message of the failure, and of its
     * innermost cause if that says more; never a stack trace, at most {@value #LONGEST_REASON} characters.
     *
     * @param failure the failure
     * @return e.g. {@code IllegalStateException: cannot handle thing 13}
     */
    public static String reason(Throwable failure) {
        String line = oneLine(failure);
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != failure) {
            line += " (" + oneLine(root) + ")";
        }
        String flat = line.replaceAll("\\s+", " ").strip();
        return flat.length() <= LONGEST_REASON ? flat : flat.substring(0, LONGEST_REASON - 1) + "…";
    }

    private static String oneLine(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
