package dev.cleave.contract;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same contract against the split topology: {@code app-user} and {@code app-order} as two JVMs, the order
 * service calling the user service over HTTP, each with its own embedded database, events through RabbitMQ.
 */
class SplitContractIT extends ContractSuite {
    @TempDir
    static Path dataDir;
    private static SplitServices services;

    @BeforeAll
    static void start() {
        services = SplitServices.start(dataDir);
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Override
    Api api() {
        return services.api();
    }
}
