package dev.cleave.platform.launch;

import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Loads an assembly's configuration. Highest priority first: the documented environment variables
 * ({@code PORT}, {@code CLEAVE_DATA_DIR}), then system properties, then other environment variables in Helidon's
 * mapping, then {@code application.yaml} on the module path.
 */
final class Settings {
    /** Documented environment variables and the configuration keys they set. */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "PORT", "server.port",
            "HOST", "server.host",
            "CLEAVE_DATA_DIR", "cleave.data-dir",
            "CLEAVE_TRAINING_RUN", "cleave.training-run");

    private Settings() {
    }

    static Config load(Map<String, String> environment) {
        Map<String, String> explicit = new HashMap<>();
        ENVIRONMENT.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                explicit.put(key, value.trim());
            }
        });
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(explicit))
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.classpath("application.yaml").optional())
                .build();
    }
}
