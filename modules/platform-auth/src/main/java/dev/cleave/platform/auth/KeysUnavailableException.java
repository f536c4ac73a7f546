package dev.cleave.platform.auth;

/**
 * No signing key of the issuer is known, and the issuer cannot be asked now: no token can be checked, good or bad,
 * so requests are answered 503 until it can.
 */
public final class KeysUnavailableException extends Exception {
    KeysUnavailableException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
