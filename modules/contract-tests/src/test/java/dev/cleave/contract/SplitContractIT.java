package dev.cleave.contract;

import java.nio.file.Path;
import java.util.Map;

import dev.cleave.platform.testing.PostgresFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same contract against the split topology: {@code app-user} and {@code app-order} as two JVMs, the order
 * service calling the user service over HTTP, events through RabbitMQ; the user service on its embedded database,
 * the order service on a throwaway PostgreSQL database.
 */
class SplitContractIT extends ContractSuite {
    @RegisterExtension
    static final PostgresFixture POSTGRES = PostgresFixture.forContexts(Map.of("order", "orders"));
    private static final OrderOutbox OUTBOX = OrderOutbox.on(POSTGRES);
    @TempDir
    static Path dataDir;
    private static SplitServices services;

    @BeforeAll
    static void start() {
        services = SplitServices.start(dataDir, Broker.create(), 5672, OUTBOX.environment());
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

    @Override
    OrderOutbox orderOutbox() {
        return OUTBOX;
    }
}
