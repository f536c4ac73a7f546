package dev.cleave.platform.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects violations while a value is checked, then throws them all at once.
 */
public final class Violations {
    private final List<Violation> found = new ArrayList<>();

    /**
     * Records a violation.
     *
     * @param field   the offending field
     * @param message what is wrong with it
     * @return this collector
     */
    public Violations add(String field, String message) {
        found.add(new Violation(field, message));
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
            throw new InvalidInputException(found);
        }
    }
}
