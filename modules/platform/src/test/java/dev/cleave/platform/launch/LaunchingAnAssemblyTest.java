package dev.cleave.platform.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cleave.platform.launch.FakeContext.Greeter;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchingAnAssemblyTest {
    @TempDir
    Path dataDir;

    @BeforeEach
    void forgetEarlierRuns() {
        FakeContext.STARTED.clear();
        FakeContext.CLOSED.clear();
    }

    @Test
    void aRequiredApiIsBoundToTheLocalContextThatProvidesItAndAllRoutesShareOneServer() {
        FakeContext producer = new FakeContext("producer", Set.of(Greeter.class), Set.of(),
                                               Map.of(Greeter.class, setup -> (Greeter) () -> "hello in-process"));
        FakeContext consumer = FakeContext.plain("consumer", Set.of(), Set.of(Greeter.class));

        try (RunningAssembly assembly = Launcher.start("test", config(), List.of(consumer, producer))) {
            WebClient client = WebClient.builder().baseUri("http://127.0.0.1:" + assembly.port()).build();

            assertEquals(List.of("producer", "consumer"), FakeContext.STARTED);
            assertEquals("hello in-process", client.get("/consumer").requestEntity(String.class));
            assertEquals("producer", client.get("/producer").requestEntity(String.class));
            var missing = client.get("/nowhere").request(String.class);
            assertEquals(404, missing.status().code());
            assertTrue(missing.headers().contentType().orElseThrow().text().startsWith("application/problem+json"));
        }
        assertEquals(List.of("consumer", "producer"), FakeContext.CLOSED, "closed in reverse start order");
    }

    @Test
    void aRequiredApiNoModuleProvidesStopsTheStartWithAClearMessage() {
        FakeContext lonely = FakeContext.plain("lonely", Set.of(), Set.of(Greeter.class));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                                               () -> Launcher.start("test", config(), List.of(lonely)));
        assertTrue(e.getMessage().contains("'lonely' requires " + Greeter.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("no module on the module path provides it"), e.getMessage());
    }

    @Test
    void contextsStartedBeforeAFailureAreClosedAgain() {
        FakeContext first = FakeContext.plain("first", Set.of(), Set.of());
        FakeContext broken = FakeContext.plain("broken", Set.of(), Set.of(Greeter.class));

        assertThrows(IllegalStateException.class, () -> Launcher.start("test", config(), List.of(first, broken)));
        assertEquals(List.of("first"), FakeContext.CLOSED);
    }

    @Test
    void anAssemblyWithoutContextsIsRefused() {
        assertThrows(IllegalStateException.class, () -> Launcher.start("test", config(), List.of()));
    }

    private Config config() {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("server.port", "0",
                                                       "server.host", "127.0.0.1",
                                                       "cleave.data-dir", dataDir.toString())))
                .build();
    }
}
