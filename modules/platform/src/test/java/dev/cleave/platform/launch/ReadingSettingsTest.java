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
    void blankVariablesAreIgnored() {
        Config config = Settings.load(Map.of("PORT", "  "));

        assertTrue(config.get("server.port").asString().map(port -> !port.isBlank()).orElse(true));
    }
}
