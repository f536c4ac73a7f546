package dev.cleave.contract;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monolith as {@code ./cleave run} starts it, with no issuer and no {@code CLEAVE_AUTH_DEV}: it trusts the
 * development issuer by itself, says so in a warning on every start, and accepts the tokens
 * {@code ./cleave token} makes with its key.
 */
class MonolithDevelopmentIssuerIT {
    @TempDir
    Path dataDir;

    @Test
    void theMonolithTrustsTheDevelopmentIssuerByDefaultAndWarnsOnEveryStart() {
        Map<String, String> byItself = Map.of("CLEAVE_AUTH_DEV", "");

        try (AssemblyProcess first = AssemblyProcess.start("monolith", dataDir, byItself)) {
            Api api = new Api(first.baseUri());
            assertEquals(200, api.get("/v1/users").status());
            assertEquals(401, api.as(DevTokens.admin() + "x").get("/v1/users").status());
            first.close();
            assertTrue(first.log().contains("trusting the DEVELOPMENT token issuer"), first::log);

            try (AssemblyProcess again = first.restart()) {
                assertEquals(200, new Api(again.baseUri()).get("/v1/users").status());
                assertTrue(again.log().contains("trusting the DEVELOPMENT token issuer"), again::log);
            }
        }
    }
}
