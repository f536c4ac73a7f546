package dev.cleave.platform.launch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.auth.AuthSettings;
import dev.cleave.platform.auth.DevelopmentIssuer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClient;

/**
 * The configuration the launcher tests start assemblies with: a free port on 127.0.0.1, a data directory of the
 * test's own, the development issuer (its key in that directory), nothing from the environment. And clients that
 * call such an assembly as an admin.
 */
final class TestConfigs {
    private TestConfigs() {
    }

    static Config assembly(Path dataDir, Map<String, String> more) {
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("server.host", "127.0.0.1");
        values.put("cleave.data-dir", dataDir.toString());
        values.put("cleave.auth.development", "true");
        values.putAll(more);
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build();
    }

    /** A client of an assembly started with {@link #assembly}, sending an admin's development token. */
    static WebClient client(Path dataDir, int port) {
        return WebClient.builder()
                .baseUri("http://127.0.0.1:" + port)
                .addHeader(HeaderNames.AUTHORIZATION, "Bearer " + adminToken(dataDir))
                .build();
    }

    /** An admin's token of the development issuer whose key is in the data directory. */
    static String adminToken(Path dataDir) {
        return DevelopmentIssuer.open(dataDir.resolve("dev-issuer-key.json"), AuthSettings.DEVELOPMENT_AUDIENCE,
                                      Clock.systemUTC())
                .mint("launcher-test-admin", Set.of(Caller.ADMIN_ROLE), Duration.ofMinutes(10));
    }
}
