package dev.cleave.contract;

import java.nio.file.Path;
import java.util.Map;

import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against the monolith: every context in one JVM, started from {@code app-monolith/target/modules};
 * the user context on its embedded database, the order context on a throwaway PostgreSQL database.
 */
class MonolithContractIT extends ContractSuite {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of("order", "orders"));
    private static final OrderOutbox OUTBOX = OrderOutbox.on(POSTGRES);
    @TempDir
    static Path dataDir;
    private static AssemblyProcess monolith;
    private static Api api;

    @BeforeAll
    static void start() {
        monolith = AssemblyProcess.start("monolith", dataDir, OUTBOX.environment());
        api = new Api(monolith.baseUri());
    }

    @AfterAll
    static void stop() {
        if (monolith != null) {
            monolith.close();
        }
    }

    @Override
    Api api() {
        return api;
    }

    @Override
    OrderOutbox orderOutbox() {
        return OUTBOX;
    }
}
