package dev.cleave.contract;

import java.nio.file.Path;
import java.util.Map;

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
    private static Broker broker;
    private static AssemblyProcess userService;
    private static AssemblyProcess orderService;
    private static Api api;

    @BeforeAll
    static void start() {
        broker = Broker.create();
        userService = AssemblyProcess.start("user", dataDir.resolve("user"), Map.of("CLEAVE_AMQP_URL", broker.url()));
        orderService = AssemblyProcess.start("order", dataDir.resolve("order"),
                                             Map.of("USER_SERVICE_URL", userService.baseUri().toString(),
                                                    "CLEAVE_AMQP_URL", broker.url()));
        api = Api.split(userService.baseUri(), orderService.baseUri());
    }

    @AfterAll
    static void stop() {
        if (orderService != null) {
            orderService.close();
        }
        if (userService != null) {
            userService.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    Api api() {
        return api;
    }
}
