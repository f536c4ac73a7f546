package dev.cleave.platform.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.platform.testing.Eventually;
import dev.cleave.platform.web.Json;
import io.helidon.config.Config;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dead letters as an operator reaches them: on the admin socket only ({@code cleave.admin.port}, never the
 * public port), listed with what they are and why they failed, and replayed one by one or all at once through the
 * consumer's inbox; an unknown one is a 404 problem, a replay that fails again a 422 problem that keeps it.
 */
class ReplayingDeadLettersOnTheAdminSocketTest {
    private static final String DEAD_LETTERS = "/admin/dead-letters";

    @TempDir
    Path dataDir;

    @Test
    void aDeadLetterIsListedOnTheAdminSocketOnlyAndAReplayAfterTheFixAppliesItOnce() {
        ContextWithADatabase ledger = new ContextWithADatabase("ledger");
        ContextWithADatabase audit = ContextWithADatabase.refusingTheEventsOf("audit", "ledger");
        try (RunningAssembly assembly = Launcher.start("test", config(Map.of("cleave.admin.port", "0")),
                                                       List.of(ledger, audit))) {
            WebClient admin = client(assembly.port(HttpStack.ADMIN_SOCKET));
            WebClient pub = TestConfigs.client(dataDir, assembly.port());
            SomethingHappened event = SomethingHappened.to(4);
            ledger.outbox().publish(event);

            Eventually.awaitEquals("dead letters", 1,
                                   () -> json(admin.get(DEAD_LETTERS).request(String.class)).get("items").size());
            JsonNode letter = json(admin.get(DEAD_LETTERS).request(String.class)).get("items").get(0);
            assertEquals("audit/" + event.eventId(), letter.get("id").asText());
            assertEquals("audit", letter.get("consumer").asText());
            assertEquals("ledger", letter.get("publisher").asText());
            assertEquals("SomethingHappened", letter.get("type").asText());
            assertEquals(4, letter.get("aggregateId").asLong());
            assertEquals(5, letter.get("attempts").asInt());
            assertEquals("IllegalStateException: refusing thing 4", letter.get("lastError").asText());
            assertTrue(letter.has("deadAt") && letter.has("occurredAt"), letter::toString);
            assertEquals(404, pub.get(DEAD_LETTERS).request(String.class).status().code(),
                         "not on the public port, not even for an admin");
            assertEquals(404, pub.post(DEAD_LETTERS + "/replay").request(String.class).status().code());

            String replay = DEAD_LETTERS + "/audit/" + event.eventId() + "/replay";
            ClientResponseTyped<String> refused = admin.post(replay).request(String.class);
            assertEquals(422, refused.status().code(), refused.entity());
            assertEquals("application/problem+json", refused.headers().contentType().orElseThrow().text());
            assertEquals(6, json(admin.get(DEAD_LETTERS).request(String.class)).get("items").get(0)
                    .get("attempts").asInt(), "a failed replay is one more attempt");

            audit.fix();
            ClientResponseTyped<String> replayed = admin.post(replay).request(String.class);
            assertEquals(200, replayed.status().code(), replayed.entity());
            assertEquals("applied", json(replayed).get("outcome").asText());
            assertEquals(1, audit.applied());
            assertEquals(0, json(admin.get(DEAD_LETTERS).request(String.class)).get("items").size());
            ClientResponseTyped<String> again = admin.post(replay).request(String.class);
            assertEquals(404, again.status().code(), "replayed and gone: " + again.entity());
            assertEquals(1, audit.applied(), "no second effect");
        }
    }

    @Test
    void replayingAllAppliesEveryDeadLetterAndAnUnknownOneIsANotFoundProblem() {
        ContextWithADatabase ledger = new ContextWithADatabase("ledger");
        ContextWithADatabase audit = ContextWithADatabase.refusingTheEventsOf("audit", "ledger");
        try (RunningAssembly assembly = Launcher.start("test", config(Map.of("cleave.admin.port", "0")),
                                                       List.of(ledger, audit))) {
            WebClient admin = client(assembly.port(HttpStack.ADMIN_SOCKET));
            ledger.outbox().publish(SomethingHappened.to(1));
            ledger.outbox().publish(SomethingHappened.to(2));
            Eventually.awaitEquals("dead letters", 2,
                                   () -> json(admin.get(DEAD_LETTERS).request(String.class)).get("items").size());

            ClientResponseTyped<String> unknown = admin.post(DEAD_LETTERS + "/audit/"
                                                             + "00000000-0000-0000-0000-000000000000/replay")
                    .request(String.class);
            assertEquals(404, unknown.status().code(), unknown.entity());
            assertEquals("urn:cleave:problem:not-found", json(unknown).get("type").asText());
            assertEquals(404, admin.post(DEAD_LETTERS + "/nobody/not-an-id/replay").request(String.class)
                    .status().code());

            audit.fix();
            ClientResponseTyped<String> all = admin.post(DEAD_LETTERS + "/replay").request(String.class);
            assertEquals(200, all.status().code(), all.entity());
            assertEquals(2, json(all).get("replayed").asInt(), all.entity());
            assertEquals(0, json(all).get("failed").size(), all.entity());
            assertEquals(2, audit.applied());
            assertEquals(0, json(admin.get(DEAD_LETTERS).request(String.class)).get("items").size());
        }
    }

    @Test
    void withoutAnAdminPortThereIsNoAdminSocket() {
        try (RunningAssembly assembly = Launcher.start("test", config(Map.of()),
                                                       List.of(new ContextWithADatabase("ledger")))) {
            assertEquals(-1, assembly.port(HttpStack.ADMIN_SOCKET));
            assertEquals(404, TestConfigs.client(dataDir, assembly.port()).get(DEAD_LETTERS).request(String.class)
                    .status().code(), "not even for an admin");
        }
    }

    private Config config(Map<String, String> more) {
        return TestConfigs.assembly(dataDir, more);
    }

    private static WebClient client(int port) {
        return WebClient.builder().baseUri("http://127.0.0.1:" + port).build();
    }

    private static JsonNode json(ClientResponseTyped<String> response) {
        try {
            return Json.mapper().readTree(response.entity());
        } catch (IOException e) {
            return fail("not JSON: " + response.entity(), e);
        }
    }
}
