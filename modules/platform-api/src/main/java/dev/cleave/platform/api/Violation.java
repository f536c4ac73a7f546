package dev.cleave.platform.api;

import java.util.Objects;

/**
 * One broken input rule: which field, and what is wrong with it, in words a client can act on.
 *
 * @param field   the field's path in the input, e.g. {@code email} or {@code items[2].quantity}
 * @param message what is wrong, e.g. {@code must be at most 100 characters}
 */
public record Violation(String field, String message) {
    /**
     * Checks both parts are present.
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
