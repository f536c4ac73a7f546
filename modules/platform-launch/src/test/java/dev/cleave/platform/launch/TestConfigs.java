package dev.cleave.platform.launch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * The configuration the launcher tests start assemblies with: a free port on 127.0.0.1, a data directory of the
 * test's own, nothing from the environment.
 */
final class TestConfigs {
    private TestConfigs() {
    }

    static Config assembly(Path dataDir, Map<String, String> more) {
        Map<String, String> values = new HashMap<>();
        values.put("server.port", "0");
        values.put("server.host", "127.0.0.1");
        values.put("cleave.data-dir", dataDir.toString());
        values.putAll(more);
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build();
    }
}
