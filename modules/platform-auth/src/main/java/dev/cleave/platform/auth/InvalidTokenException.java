package dev.cleave.platform.auth;

/**
 * A bearer token that cannot be trusted: malformed, badly signed, expired, meant for another audience or issuer.
 * The message says why, for the server log only; the client learns no more than {@code error="invalid_token"}.
 */
public final class InvalidTokenException extends Exception {
    InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
