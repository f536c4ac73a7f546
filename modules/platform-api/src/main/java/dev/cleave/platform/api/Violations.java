package dev.cleave.platform.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects violations while a value is checked, then throws them all at once. Keeps at most {@link #MAX_LISTED}, so
 * a hostile request cannot make a huge error response.
 */
public final class Violations {
    /** The most violations listed in one error. */
    public static final int MAX_LISTED = 100;

    private final List<Violation> found = new ArrayList<>();
    private int total;

    /**
     * Records a violation.
     *
     * @param field   the offending field
     * @param message what is wrong with it
     * @return this collector
     */
    public Violations add(String field, String message) {
        total++;
        if (found.size() < MAX_LISTED) {
            found.add(new Violation(field, message));
        }
        return this;
    }

    /**
     * Whether nothing is wrong so far.
     *
     * @return {@code true} if no violation was recorded
     */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * Throws an {@link InvalidInputException} holding every violation, if there is any.
     *
     * @throws InvalidInputException if a violation was recorded
     */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found, total);
        }
    }
}
