package dev.cleave.platform.api;

import java.util.List;

/**
 * Input that breaks one or more rules; every violation found is reported at once, so a client can fix them all.
 */
public final class InvalidInputException extends DomainException {
    private final List<Violation> violations;

    /**
     * Creates the exception.
     *
     * @param violations every rule the input breaks, at least one
     */
    public InvalidInputException(List<Violation> violations) {
        this(violations, violations.size());
    }

    /**
     * Creates the exception when only some of the violations found are listed.
     *
     * @param violations the rules the input breaks that are listed, at least one
     * @param total      how many were found in all
     */
    public InvalidInputException(List<Violation> violations, int total) {
        super(total == 1
                      ? violations.getFirst().field() + " " + violations.getFirst().message()
                      : total > violations.size()
                              ? total + " problems; the first " + violations.size() + " are listed"
                              : total + " fields are invalid");
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /**
     * Creates the exception for a single violation.
     *
     * @param field   the offending field
     * @param message what is wrong with it
     * @return the exception
     */
    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new Violation(field, message)));
    }

    /**
     * The rules the input breaks.
     *
     * @return the violations, never empty
     */
    public List<Violation> violations() {
        return violations;
    }
}
