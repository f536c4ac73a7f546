package dev.cleave.platform.launch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cleave.platform.launch.FakeContext.Greeter;
import dev.cleave.platform.spi.RemoteApiProvider;
import io.helidon.config.Config;
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
            WebClient client = TestConfigs.client(dataDir, assembly.port());

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
    void aRequiredApiNoLocalContextProvidesIsBoundToARemoteClientAtItsConfiguredUrl() {
        FakeContext consumer = FakeContext.plain("consumer", Set.of(), Set.of(Greeter.class));
        List<URI> connectedTo = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        RemoteApiProvider remote = FakeContext.greeterClient((baseUrl, credentials) -> {
            connectedTo.add(baseUrl);
            return new RemoteApiProvider.RemoteApi((Greeter) () -> "hello from " + baseUrl.getPort(),
                                                   () -> closed.add("client"));
        });
        Config config = config(Map.of("cleave.remote.greeter.url", "http://127.0.0.1:9999"));

        try (RunningAssembly assembly = Launcher.start("test", config, List.of(consumer), List.of(remote))) {
            WebClient client = TestConfigs.client(dataDir, assembly.port());
            assertEquals("hello from 9999", client.get("/consumer").requestEntity(String.class));
        }
        assertEquals(List.of(URI.create("http://127.0.0.1:9999")), connectedTo);
        assertEquals(List.of("client"), closed);
    }

    @Test
    void aLocalContextWinsOverARemoteClientOfTheSameApi() {
        FakeContext producer = new FakeContext("producer", Set.of(Greeter.class), Set.of(),
                                               Map.of(Greeter.class, setup -> (Greeter) () -> "local"));
        FakeContext consumer = FakeContext.plain("consumer", Set.of(), Set.of(Greeter.class));
        RemoteApiProvider unusedRemote = FakeContext.greeterClient((baseUrl, credentials) -> {
            throw new AssertionError("the local context should have been bound");
        });
        try (RunningAssembly assembly = Launcher.start("test", config(), List.of(consumer, producer),
                                                       List.of(unusedRemote))) {
            WebClient client = TestConfigs.client(dataDir, assembly.port());
            assertEquals("local", client.get("/consumer").requestEntity(String.class));
        }
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
    void aContextProvidingAnApiItHandsNoImplementationOfStopsTheStartNamingBoth() {
        FakeContext empty = FakeContext.plain("empty", Set.of(Greeter.class), Set.of());

        IllegalStateException e = assertThrows(IllegalStateException.class,
                                               () -> Launcher.start("test", config(), List.of(empty)));
        assertTrue(e.getMessage().contains("'empty' provides " + Greeter.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("hold 0 objects implementing it"), e.getMessage());
        assertEquals(List.of("empty"), FakeContext.CLOSED, "the context that started is closed again");
    }

    @Test
    void theServerTakesHelidonsOwnServerConfigurationSuchAsASecondSocket() throws IOException {
        FakeContext context = FakeContext.plain("context", Set.of(), Set.of());
        Config config = config(Map.of("server.sockets.0.name", "admin",
                                      "server.sockets.0.port", "0",
                                      "server.sockets.0.host", "127.0.0.1"));
        try (RunningAssembly assembly = Launcher.start("test", config, List.of(context))) {
            int admin = assembly.port("admin");

            assertTrue(admin > 0 && admin != assembly.port(), "a second socket listens: " + admin);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), admin)) {
                assertTrue(socket.isConnected());
            }
        }
    }

    @Test
    void contextsStartedBeforeAFailureAreClosedAgain() {
        FakeContext first = FakeContext.plain("first", Set.of(), Set.of());
        FakeContext broken = FakeContext.plain("broken", Set.of(), Set.of(Greeter.class));

        assertThrows(IllegalStateException.class, () -> Launcher.start("test", config(), List.of(first, broken)));
        assertEquals(List.of("first"), FakeContext.CLOSED);
    }

    @Test
    void aTakenPortStopsTheStartNamingTheAddressAndClosesTheContexts() throws IOException {
        FakeContext context = FakeContext.plain("context", Set.of(), Set.of());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Config config = config(Map.of("server.port", Integer.toString(taken.getLocalPort())));

            Settings.InvalidSettingException e = assertThrows(Settings.InvalidSettingException.class,
                                                              () -> Launcher.start("test", config, List.of(context)));

            assertTrue(e.getMessage().startsWith("nothing can listen on 127.0.0.1:" + taken.getLocalPort()),
                       e.getMessage());
        }
        assertEquals(List.of("context"), FakeContext.CLOSED);
    }

    @Test
    void anAssemblyWithoutContextsIsRefused() {
        assertThrows(IllegalStateException.class, () -> Launcher.start("test", config(), List.of()));
    }

    private Config config() {
        return config(Map.of());
    }

    private Config config(Map<String, String> more) {
        return TestConfigs.assembly(dataDir, more);
    }
}
