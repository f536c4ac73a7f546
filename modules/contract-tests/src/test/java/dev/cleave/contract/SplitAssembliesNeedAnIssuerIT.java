package dev.cleave.contract;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The split assemblies refuse to start without a token issuer unless development mode is asked for explicitly,
 * and the order service refuses to start with a real issuer but no credentials of its own; each says what to set.
 */
class SplitAssembliesNeedAnIssuerIT {
    @TempDir
    Path dataDir;

    @Test
    void theUserServiceRefusesToStartWithoutAnIssuer() {
        String log = refusal("user", Map.of("CLEAVE_AUTH_DEV", "false"));

        assertTrue(log.contains("no token issuer is configured: set CLEAVE_AUTH_ISSUER"), log);
    }

    @Test
    void theOrderServiceRefusesToStartWithoutAnIssuer() {
        String log = refusal("order", Map.of("CLEAVE_AUTH_DEV", "false",
                                             "USER_SERVICE_URL", "http://127.0.0.1:9"));

        assertTrue(log.contains("no token issuer is configured: set CLEAVE_AUTH_ISSUER"), log);
    }

    @Test
    void theOrderServiceRefusesToStartWithARealIssuerButNoCredentialsOfItsOwn() {
        String log = refusal("order", Map.of("CLEAVE_AUTH_ISSUER", "http://127.0.0.1:9/cleave",
                                             "CLEAVE_AUTH_AUDIENCE", "cleave",
                                             "USER_SERVICE_URL", "http://127.0.0.1:9"));

        assertTrue(log.contains("CLEAVE_AUTH_CLIENT_ID"), log);
    }

    // The assembly exits before it is healthy; what it logged on the way out.
    private String refusal(String assembly, Map<String, String> env) {
        IllegalStateException exited = assertThrows(IllegalStateException.class,
                                                    () -> AssemblyProcess.start(assembly, dataDir, env).close());
        assertTrue(exited.getMessage().contains(" exited with "), exited.getMessage());
        return exited.getMessage();
    }
}
