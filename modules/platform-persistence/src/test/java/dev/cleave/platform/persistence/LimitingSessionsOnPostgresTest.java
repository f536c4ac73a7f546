package dev.cleave.platform.persistence;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import dev.cleave.platform.testing.PostgresFixture;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On PostgreSQL a context's sessions carry a statement timeout and an idle-in-transaction timeout, so neither a
 * runaway query nor a transaction left open holds a connection or its locks for long.
 */
class LimitingSessionsOnPostgresTest {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of("ledger", "ledger"));

    @TempDir
    Path dataDir;

    @Test
    void sessionsHaveTheConfiguredTimeouts() throws Exception {
        assertEquals(Map.of("statement_timeout", "1234ms", "idle_in_transaction_session_timeout", "5678ms"),
                     timeouts(Map.of("cleave.ledger.db.statement-timeout", "1234",
                                     "cleave.ledger.db.idle-in-transaction-timeout", "5678")));
    }

    @Test
    void withoutSettingsSessionsHaveTheDefaultTimeouts() throws Exception {
        assertEquals(Map.of("statement_timeout", "30s", "idle_in_transaction_session_timeout", "1min"),
                     timeouts(Map.of()));
    }

    private Map<String, String> timeouts(Map<String, String> settings) throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.put("cleave.ledger.db.url", POSTGRES.url());
        values.put("cleave.ledger.db.user", POSTGRES.role("ledger"));
        values.put("cleave.ledger.db.password", POSTGRES.password("ledger"));
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(values))
                .build();
        try (ContextDatabase database = ContextDatabase.open(config, dataDir, "ledger", "ledger",
                                                             LimitingSessionsOnPostgresTest.class)) {
            return database.read(connection -> {
                Map<String, String> shown = new HashMap<>();
                try (Statement statement = connection.createStatement()) {
                    for (String setting : new String[] {"statement_timeout", "idle_in_transaction_session_timeout"}) {
                        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                            row.next();
                            shown.put(setting, row.getString(1));
                        }
                    }
                }
                return shown;
            });
        }
    }
}
