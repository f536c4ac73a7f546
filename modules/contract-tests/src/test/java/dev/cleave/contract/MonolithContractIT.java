package dev.cleave.contract;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against the monolith: every context in one JVM, started from {@code app-monolith/target/modules}.
 */
class MonolithContractIT extends ContractSuite {
    @TempDir
    static Path dataDir;
    private static AssemblyProcess monolith;
    private static Api api;

    @BeforeAll
    static void start() {
        monolith = AssemblyProcess.start("monolith", dataDir, Map.of());
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
}
