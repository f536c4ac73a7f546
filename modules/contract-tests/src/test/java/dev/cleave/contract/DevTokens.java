package dev.cleave.contract;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.auth.AuthSettings;
import dev.cleave.platform.auth.DevelopmentIssuer;

/**
 * Tokens of the development issuer, signed with the one key file every assembly a test starts is told to trust
 * ({@code CLEAVE_AUTH_DEV_KEY}), exactly as {@code ./cleave token} makes them.
 */
final class DevTokens {
    /** The key file the test JVM and every assembly it starts share. */
    static final Path KEY = Path.of(System.getProperty("cleave.work.dir", "target"), "dev-issuer-key.json")
            .toAbsolutePath();

    private static final Duration LIFETIME = Duration.ofHours(2);
    private static final DevelopmentIssuer ISSUER = DevelopmentIssuer.open(KEY, AuthSettings.DEVELOPMENT_AUDIENCE,
                                                                           Clock.systemUTC());
    private static final String ADMIN = mint(Caller.admin("contract-admin"));

    private DevTokens() {
    }

    /** The admin every contract test acts as unless it says otherwise. */
    static String admin() {
        return ADMIN;
    }

    /** A token for a customer: a subject with no roles. */
    static String customer(String subject) {
        return mint(Caller.customer(subject));
    }

    static String mint(Caller caller) {
        return ISSUER.mint(caller.subject(), caller.roles(), LIFETIME);
    }
}
