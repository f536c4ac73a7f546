package dev.cleave.user.domain;

import java.util.Locale;

import dev.cleave.platform.api.Violations;

/**
 * The part of a user a client chooses, checked and normalized: the name trimmed, the email trimmed and lower case.
 *
 * @param name  the display name, 1 to 100 characters
 * @param email the email address, at most 254 characters
 */
public record UserDetails(String name, String email) {
    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;

    /**
     * Checks and normalizes what a client sent.
     *
     * @param name  the name as sent, or {@code null} if it was missing (already reported)
     * @param email the email as sent, or {@code null} if it was missing (already reported)
     * @return the normalized details
     * @throws dev.cleave.platform.api.InvalidInputException listing every rule broken
     */
    public static UserDetails of(String name, String email) {
        Violations violations = new Violations();
        String trimmedName = name == null ? null : name.strip();
        String normalizedEmail = email == null ? null : email.strip().toLowerCase(Locale.ROOT);
        if (trimmedName != null) {
            checkName(trimmedName, violations);
        }
        if (normalizedEmail != null) {
            checkEmail(normalizedEmail, violations);
        }
        violations.throwIfAny();
        return new UserDetails(trimmedName, normalizedEmail);
    }

    private static void checkName(String name, Violations violations) {
        int length = name.codePointCount(0, name.length());
        if (length == 0) {
            violations.add("name", "must not be blank");
        } else if (length > MAX_NAME) {
            violations.add("name", "must be at most " + MAX_NAME + " characters");
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            violations.add("name", "must not contain control characters");
        }
    }

    private static void checkEmail(String email, Violations violations) {
        int at = email.indexOf('@');
        String problem = null;
        if (email.isEmpty()) {
            problem = "must not be blank";
        } else if (email.length() > MAX_EMAIL) {
            problem = "must be at most " + MAX_EMAIL + " characters";
        } else if (at < 0 || at != email.lastIndexOf('@')) {
            problem = "must contain exactly one @";
        } else if (at == 0) {
            problem = "must have a local part before the @";
        } else if (email.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            problem = "must not contain spaces or control characters";
        } else if (!isDomain(email.substring(at + 1))) {
            problem = "must have a domain with a dot after the @, e.g. example.com";
        }
        if (problem != null) {
            violations.add("email", problem);
        }
    }

    private static boolean isDomain(String domain) {
        return domain.contains(".") && !domain.startsWith(".") && !domain.endsWith(".") && !domain.contains("..");
    }
}
