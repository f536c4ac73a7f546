package dev.cleave.platform.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who asks a use case to act: the subject of a verified access token (its {@code sub}) and the roles it carries.
 * Use cases take the caller as their first argument and decide what it may see and change, so no adapter (HTTP
 * today, a v2 or an event handler tomorrow) can skip the checks. The token itself never reaches a use case.
 *
 * @param subject who acts: a token's {@code sub}, or the name of a system actor
 * @param roles   the roles the token carries
 */
public record Caller(String subject, Set<String> roles) {
    /** The role that may do everything the API offers, on any user and any order. */
    public static final String ADMIN_ROLE = "admin";
    /**
     * The role of another Cleave service calling with its own client-credentials token: it may look up any user
     * in the directory, nothing more.
     */
    public static final String SERVICE_ROLE = "cleave-service";

    /**
     * Creates a caller.
     *
     * @throws IllegalArgumentException if the subject is blank
     */
    public Caller {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("a caller has a subject");
        }
        roles = Set.copyOf(roles);
    }

    /**
     * A caller with no roles: a customer.
     *
     * @param subject its subject
     * @return the caller
     */
    public static Caller customer(String subject) {
        return new Caller(subject, Set.of());
    }

    /**
     * A caller with the admin role.
     *
     * @param subject its subject
     * @return the caller
     */
    public static Caller admin(String subject) {
        return new Caller(subject, Set.of(ADMIN_ROLE));
    }

    /**
     * Whether this caller may act on anything.
     *
     * @return whether it has the admin role
     */
    public boolean isAdmin() {
        return roles.contains(ADMIN_ROLE);
    }

    /**
     * Whether this caller is another Cleave service.
     *
     * @return whether it has the service role
     */
    public boolean isService() {
        return roles.contains(SERVICE_ROLE);
    }

    /**
     * Whether this caller may see and change what belongs to an owner: an admin always, anyone else only its own.
     *
     * @param owner the subject that owns it, if any
     * @return whether the caller may
     */
    public boolean owns(Optional<String> owner) {
        return isAdmin() || owner.filter(subject::equals).isPresent();
    }
}
