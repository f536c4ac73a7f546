package dev.cleave.platform.launch;

import java.util.Map;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void theAdminSocketIsSetByItsOwnVariablesAndOffWithoutThem() {
        Config config = Settings.load(Map.of("ADMIN_PORT", "9180", "ADMIN_HOST", "0.0.0.0"));

        assertEquals(9180, config.get("cleave.admin.port").asInt().get());
        assertEquals("0.0.0.0", config.get("cleave.admin.host").asString().get());
        assertTrue(Settings.load(Map.of()).get("cleave.admin.port").asString().isEmpty(), "no admin socket");
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                                                          () -> Settings.load(Map.of("ADMIN_PORT", "admin")));
        assertEquals("ADMIN_PORT (cleave.admin.port) must be a whole number from 0 to 65535, not 'admin'",
                     e.getMessage());
    }

    @Test
    void theDrainAndTheBoundOfAStopAreSetByTheirVariablesWithDefaultsWithout() {
        Config config = Settings.load(Map.of("CLEAVE_SHUTDOWN_DRAIN", "0", "CLEAVE_SHUTDOWN_TIMEOUT", "20000"));

        assertEquals(java.time.Duration.ZERO, Settings.drain(config));
        assertEquals(java.time.Duration.ofSeconds(20), Settings.shutdownBound(config));
        assertEquals(java.time.Duration.ofSeconds(3), Settings.drain(Settings.load(Map.of())));
        assertEquals(java.time.Duration.ofSeconds(10), Settings.shutdownBound(Settings.load(Map.of())));
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                                                          () -> Settings.load(Map.of("CLEAVE_SHUTDOWN_DRAIN", "-1")));
        assertEquals("CLEAVE_SHUTDOWN_DRAIN (cleave.shutdown.drain) must be a whole number from 0 to 600000, not '-1'",
                     e.getMessage());
    }

    @Test
    void perContextDatabaseAndServiceUrlVariablesSetTheirKeys() {
        Map<String, String> explicit = Settings.explicit(Map.of(
                "CLEAVE_ORDER_DB_URL", "jdbc:postgresql://db/cleave",
                "CLEAVE_ORDER_DB_POOL_SIZE", "4",
                "CLEAVE_ORDER_DB_CONNECTION_WAIT", "500",
                "CLEAVE_ORDER_DB_MAX_WAITING", "40",
                "CLEAVE_ORDER_DB_STATEMENT_TIMEOUT", "10000",
                "CLEAVE_ORDER_DB_IDLE_IN_TRANSACTION_TIMEOUT", "20000",
                "CLEAVE_USER_DB_PASSWORD", "secret",
                "USER_SERVICE_URL", "http://users:8081",
                "UNRELATED", "x"));

        assertEquals(Map.of("cleave.order.db.url", "jdbc:postgresql://db/cleave",
                            "cleave.order.db.pool-size", "4",
                            "cleave.order.db.connection-wait", "500",
                            "cleave.order.db.max-waiting", "40",
                            "cleave.order.db.statement-timeout", "10000",
                            "cleave.order.db.idle-in-transaction-timeout", "20000",
                            "cleave.user.db.password", "secret",
                            "cleave.remote.user.url", "http://users:8081"), explicit);
    }

    @Test
    void blankVariablesAreIgnored() {
        Config config = Settings.load(Map.of("PORT", "  "));

        assertTrue(config.get("server.port").asString().map(port -> !port.isBlank()).orElse(true));
    }

    @Test
    void aPortThatIsNoNumberFailsNamingTheVariable() {
        Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                                                          () -> Settings.load(Map.of("PORT", "abc")));

        assertEquals("PORT (server.port) must be a whole number from 0 to 65535, not 'abc'", e.getMessage());
    }

    @Test
    void aPortOutOfRangeFails() {
        assertThrows(Settings.InvalidSettingException.class, () -> Settings.load(Map.of("PORT", "65536")));
    }

    @Test
    void aPoolSizeBelowOneFailsNamingTheVariable() {
        Settings.InvalidSettingException e = assertThrows(
                Settings.InvalidSettingException.class,
                () -> Settings.load(Map.of("CLEAVE_ORDER_DB_POOL_SIZE", "0")));

        assertEquals("CLEAVE_ORDER_DB_POOL_SIZE (cleave.order.db.pool-size) must be a whole number from 1 to 1000,"
                     + " not '0'", e.getMessage());
    }

    @Test
    void aConnectionWaitShorterThanThePoolAllowsFailsNamingTheVariable() {
        Settings.InvalidSettingException e = assertThrows(
                Settings.InvalidSettingException.class,
                () -> Settings.load(Map.of("CLEAVE_USER_DB_CONNECTION_WAIT", "100")));

        assertEquals("CLEAVE_USER_DB_CONNECTION_WAIT (cleave.user.db.connection-wait) must be a whole number from 250"
                     + " to 60000, not '100'", e.getMessage());
    }

    @Test
    void validNumbersPass() {
        Config config = Settings.load(Map.of("PORT", "0", "CLEAVE_USER_DB_POOL_SIZE", "32"));

        assertEquals(32, config.get("cleave.user.db.pool-size").asInt().get());
    }
}
