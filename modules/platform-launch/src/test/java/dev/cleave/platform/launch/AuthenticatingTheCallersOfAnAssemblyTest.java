package dev.cleave.platform.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import dev.cleave.platform.spi.RemoteApiProvider;
import dev.cleave.platform.spi.ServiceCredentials;
import io.helidon.config.Config;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher puts authentication and rate limits in front of every context's routes, over real HTTP.
 */
class AuthenticatingTheCallersOfAnAssemblyTest {
    @TempDir
    Path dataDir;

    @Test
    void aRouteAnswersOnlyACallerWithAValidTokenButHealthAnswersAnyone() {
        try (RunningAssembly assembly = Launcher.start("test", TestConfigs.assembly(dataDir, Map.of()),
                                                       List.of(FakeContext.plain("context", Set.of(), Set.of())))) {
            WebClient anonymous = WebClient.builder().baseUri("http://127.0.0.1:" + assembly.port()).build();
            try (HttpClientResponse refused = anonymous.get("/context").request()) {
                assertEquals(401, refused.status().code());
                assertEquals("Bearer", refused.headers().first(HeaderNames.WWW_AUTHENTICATE).orElseThrow());
            }
            try (HttpClientResponse health = anonymous.get("/observe/health/ready").request()) {
                assertEquals(200, health.status().code());
            }
            assertEquals("context", TestConfigs.client(dataDir, assembly.port()).get("/context")
                    .requestEntity(String.class));
        }
    }

    @Test
    void withoutAnIssuerAndWithoutDevelopmentModeAnAssemblyDoesNotStart() {
        Config production = TestConfigs.assembly(dataDir, Map.of("cleave.auth.development", "false"));

        Settings.InvalidSettingException refused = assertThrows(Settings.InvalidSettingException.class, () ->
                Launcher.start("test", production, List.of(FakeContext.plain("context", Set.of(), Set.of()))));
        assertTrue(refused.getMessage().contains("CLEAVE_AUTH_ISSUER"), refused::getMessage);
        assertTrue(refused.getMessage().contains("CLEAVE_AUTH_DEV"), refused::getMessage);
    }

    @Test
    void aServiceThatCallsAnotherOneWithARealIssuerNeedsItsOwnClientCredentials() {
        Config withIssuer = TestConfigs.assembly(dataDir, Map.of(
                "cleave.auth.issuer", "http://127.0.0.1:1/realms/cleave",
                "cleave.auth.audience", "cleave"));
        FakeContext consumer = FakeContext.plain("consumer", Set.of(), Set.of(FakeContext.Greeter.class));

        Settings.InvalidSettingException refused = assertThrows(Settings.InvalidSettingException.class, () ->
                Launcher.start("test", withIssuer, List.of(consumer), List.of(greeter(new AtomicReference<>()))));
        assertTrue(refused.getMessage().contains("CLEAVE_AUTH_CLIENT_ID"), refused::getMessage);
    }

    @Test
    void inDevelopmentARemoteClientIsHandedServiceTokensTheAssemblyItselfAccepts() {
        AtomicReference<ServiceCredentials> handed = new AtomicReference<>();
        FakeContext consumer = FakeContext.plain("consumer", Set.of(), Set.of(FakeContext.Greeter.class));

        try (RunningAssembly assembly = Launcher.start("test", TestConfigs.assembly(dataDir, Map.of()),
                                                       List.of(consumer), List.of(greeter(handed)))) {
            String token = handed.get().bearerToken();
            assertNotNull(token);
            WebClient asTheService = WebClient.builder().baseUri("http://127.0.0.1:" + assembly.port())
                    .addHeader(HeaderNames.AUTHORIZATION, "Bearer " + token).build();
            assertEquals("hello", asTheService.get("/consumer").requestEntity(String.class));
        }
    }

    @Test
    void aCallerOverItsLimitIsAnswered429WithRetryAfterAndOthersAreNot() {
        Config tight = TestConfigs.assembly(dataDir, Map.of("cleave.rate-limit.subject.per-second", "1",
                                                            "cleave.rate-limit.subject.burst", "2"));
        try (RunningAssembly assembly = Launcher.start("test", tight,
                                                       List.of(FakeContext.plain("context", Set.of(), Set.of())))) {
            WebClient admin = TestConfigs.client(dataDir, assembly.port());
            int[] statuses = new int[3];
            for (int i = 0; i < statuses.length; i++) {
                try (HttpClientResponse response = admin.get("/context").request()) {
                    statuses[i] = response.status().code();
                    if (statuses[i] == 429) {
                        long retryAfter = Long.parseLong(response.headers().first(HeaderNames.RETRY_AFTER)
                                                                 .orElseThrow());
                        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
                        assertTrue(response.headers().contentType().orElseThrow().text()
                                           .startsWith("application/problem+json"));
                    }
                }
            }
            assertEquals(List.of(200, 200, 429), List.of(statuses[0], statuses[1], statuses[2]));
            WebClient anonymous = WebClient.builder().baseUri("http://127.0.0.1:" + assembly.port()).build();
            try (HttpClientResponse health = anonymous.get("/observe/health/live").request()) {
                assertEquals(200, health.status().code(), "health is never limited");
            }
        }
    }

    @Test
    void withTheRateLimitOffNoCallerIsLimited() {
        Config off = TestConfigs.assembly(dataDir, Map.of("cleave.rate-limit.mode", "off",
                                                          "cleave.rate-limit.subject.per-second", "1",
                                                          "cleave.rate-limit.subject.burst", "1"));
        try (RunningAssembly assembly = Launcher.start("test", off,
                                                       List.of(FakeContext.plain("context", Set.of(), Set.of())))) {
            WebClient admin = TestConfigs.client(dataDir, assembly.port());
            for (int i = 0; i < 5; i++) {
                try (HttpClientResponse response = admin.get("/context").request()) {
                    assertEquals(200, response.status().code());
                }
            }
        }
    }

    // A greeter client that says hello and keeps the credentials the launcher handed it.
    private static RemoteApiProvider greeter(AtomicReference<ServiceCredentials> handed) {
        return FakeContext.greeterClient((baseUrl, credentials) -> {
            handed.set(credentials);
            return new RemoteApiProvider.RemoteApi((FakeContext.Greeter) () -> "hello", () -> { });
        });
    }
}
