package dev.cleave.user.api;

import java.util.Optional;

/**
 * Looks up current users. A deleted user is not found.
 *
 * <p>An implementation that cannot answer (a remote user service that is down, say) throws
 * {@code dev.cleave.platform.api.UnavailableException}; it never reports "not found" for "could not ask".
 */
public interface UserDirectory {

    /**
     * Finds a current user.
     *
     * @param id the user's id
     * @return the user, or empty if no current user has this id
     */
    Optional<UserSummary> find(long id);
}
