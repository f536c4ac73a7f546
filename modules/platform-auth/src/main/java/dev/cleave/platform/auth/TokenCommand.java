package dev.cleave.platform.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.cleave.platform.api.Caller;

/**
 * {@code ./cleave token SUBJECT [--admin]}: prints one token of the development issuer, valid 12 hours, signed with
 * the key at {@code CLEAVE_AUTH_DEV_KEY} (default {@code ./data/dev-issuer-key.json}, created if absent). Only
 * assemblies that trust the development issuer accept it.
 */
public final class TokenCommand {
    private static final Duration LIFETIME = Duration.ofHours(12);

    private TokenCommand() {
    }

    /**
     * Prints the token on standard output, nothing else.
     *
     * @param args the subject, and {@code --admin} for the admin role
     */
    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        boolean admin = arguments.contains("--admin");
        List<String> subjects = arguments.stream().filter(argument -> !argument.equals("--admin")).toList();
        if (subjects.size() != 1 || subjects.getFirst().isBlank() || subjects.getFirst().startsWith("-")) {
            System.err.println("usage: ./cleave token SUBJECT [--admin]   (prints a development token for SUBJECT)");
            System.exit(2);
        }
        String keyFile = System.getenv().getOrDefault("CLEAVE_AUTH_DEV_KEY", "data/dev-issuer-key.json");
        String audience = System.getenv().getOrDefault("CLEAVE_AUTH_AUDIENCE", AuthSettings.DEVELOPMENT_AUDIENCE);
        DevelopmentIssuer issuer = DevelopmentIssuer.open(Path.of(keyFile), audience, Clock.systemUTC());
        System.out.println(issuer.mint(subjects.getFirst(), admin ? Set.of(Caller.ADMIN_ROLE) : Set.of(), LIFETIME));
    }
}
