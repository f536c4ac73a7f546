package dev.cleave.user.api;

/**
 * What other contexts may know about a user.
 *
 * @param id    the user's id
 * @param name  the user's display name
 * @param email the user's email address, lower case
 */
public record UserSummary(long id, String name, String email) {
}
