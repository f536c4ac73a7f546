package dev.cleave.platform.launch;

import java.util.Map;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadingSettingsTest {

    @Test
    void documentedEnvironmentVariablesSetTheirKeys() {
        Config config = Settings.load(Map.of("PORT", "9123", "HOST", "0.0.0.0", "CLEAVE_DATA_DIR", "/tmp/x"));

        assertEquals(9123, config.get("server.port").asInt().get());
        assertEquals("0.0.0.0", config.get("server.host").asString().get());
        assertEquals("/tmp/x", config.get("cleave.data-dir").asString().get());
    }

    @Test
    void perContextDatabaseAndServiceUrlVariablesSetTheirKeys() {
        Map<String, String> explicit = Settings.explicit(Map.of(
                "CLEAVE_ORDER_DB_URL", "jdbc:postgresql://db/cleave",
                "CLEAVE_ORDER_DB_POOL_SIZE", "4",
                "CLEAVE_USER_DB_PASSWORD", "secret",
                "USER_SERVICE_URL", "http://users:8081",
                "UNRELATED", "x"));

        assertEquals(Map.of("cleave.order.db.url", "jdbc:postgresql://db/cleave",
                            "cleave.order.db.pool-size", "4",
                            "cleave.user.db.password", "secret",
                            "cleave.remote.user.url", "http://users:8081"), explicit);
    }

    @Test
    void blankVariablesAreIgnored() {
        Config config = Settings.load(Map.of("PORT", "  "));

        assertTrue(config.get("server.port").asString().map(port -> !port.isBlank()).orElse(true));
    }
}
