package dev.cleave.user.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.spi.ServiceCredentials;
import dev.cleave.user.api.UserSummary;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client against a stand-in user service over real HTTP: ids 1 (known), 2 (unknown), 3 (always a 500), 4 (too
 * slow), 5 (a 503 every other call). The stand-in answers 401 to a call without the service's token.
 */
@ServerTest
class AskingTheUserServiceTest {
    private static final UserClientSettings FAST = new UserClientSettings(
            Duration.ofMillis(250), Duration.ofMillis(300), 2, Duration.ofMillis(10), Duration.ofSeconds(3), 8);
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    private static final String SERVICE_TOKEN = "the-order-service-token";
    private static final ServiceCredentials SERVICE = () -> SERVICE_TOKEN;

    private final URI userService;
    private HttpUserDirectory directory;

    AskingTheUserServiceTest(URI userService) {
        this.userService = userService;
    }

    @SetUpRoute
    static void userService(HttpRouting.Builder routing) {
        routing.addFilter((chain, request, response) -> {
            if (request.headers().first(HeaderNames.AUTHORIZATION).equals(Optional.of("Bearer " + SERVICE_TOKEN))) {
                chain.proceed();
            } else {
                response.status(Status.UNAUTHORIZED_401).send();
            }
        });
        routing.get("/v1/users/1", (request, response) -> response.header("Content-Type", "application/json")
                        .send("{\"id\":1,\"name\":\"Ada\",\"email\":\"ada@example.com\",\"owner\":\"ada-sub\","
                              + "\"version\":3}"))
                .get("/v1/users/2", (request, response) -> response.status(Status.NOT_FOUND_404).send())
                .get("/v1/users/3", (request, response) -> response.status(Status.INTERNAL_SERVER_ERROR_500).send())
                .get("/v1/users/4", (request, response) -> {
                    Thread.sleep(1500);
                    response.send("{}");
                })
                .get("/v1/users/5", (request, response) -> {
                    if (FLAKY_CALLS.incrementAndGet() % 2 == 1) {
                        response.status(Status.SERVICE_UNAVAILABLE_503).send();
                    } else {
                        response.header("Content-Type", "application/json")
                                .send("{\"id\":5,\"name\":\"Flaky\",\"email\":\"f@example.com\"}");
                    }
                });
    }

    @BeforeEach
    void connect() {
        directory = new HttpUserDirectory(userService, FAST, SERVICE);
    }

    @AfterEach
    void close() {
        directory.close();
    }

    @Test
    void aUserTheServiceKnowsIsFoundWithItsOwner() {
        assertEquals(Optional.of(new UserSummary(1, "Ada", "ada@example.com", "ada-sub")), directory.find(1));
    }

    @Test
    void aUserNoCustomerOwnsHasNoOwner() {
        FLAKY_CALLS.set(1);

        assertEquals(Optional.empty(), directory.find(5).orElseThrow().ownedBy());
    }

    @Test
    void withoutAServiceTokenTheLookupIsUnavailableAndNothingIsSent() {
        UnavailableException refused = new UnavailableException("The issuer refused this service's credentials.",
                                                                Duration.ofSeconds(5), null);
        try (HttpUserDirectory noToken = new HttpUserDirectory(userService, FAST, () -> {
            throw refused;
        })) {
            assertSame(refused, assertThrows(UnavailableException.class, () -> noToken.find(1)));
        }
    }

    @Test
    void aTokenTheUserServiceRefusesIsAFailureNeverNotFound() {
        try (HttpUserDirectory wrongToken = new HttpUserDirectory(userService, FAST, () -> "someone-else")) {
            assertThrows(UnavailableException.class, () -> wrongToken.find(1));
        }
    }

    @Test
    void aUserTheServiceDoesNotKnowIsAbsentNotAFailure() {
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), directory.find(2));
        }
        assertTrue(directory.find(1).isPresent(), "404s must not open the breaker");
    }

    @Test
    void aServerErrorIsUnavailableNeverNotFound() {
        UnavailableException e = assertThrows(UnavailableException.class, () -> directory.find(3));

        assertEquals(Duration.ofSeconds(1), e.retryAfter());
    }

    @Test
    void aServiceTooSlowToAnswerIsUnavailableWithinTheDeadline() {
        Instant start = Instant.now();

        assertThrows(UnavailableException.class, () -> directory.find(4));
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, () -> "took " + took);
    }

    @Test
    void aFailureThatPassesIsRetried() {
        FLAKY_CALLS.set(0);

        assertEquals("Flaky", directory.find(5).orElseThrow().name());
        assertEquals(2, FLAKY_CALLS.get());
    }

    @Test
    void repeatedFailuresOpenTheBreakerWhichThenRefusesAtOnce() {
        for (int i = 0; i < 10; i++) {
            assertThrows(UnavailableException.class, () -> directory.find(3));
        }
        Instant start = Instant.now();

        UnavailableException e = assertThrows(UnavailableException.class, () -> directory.find(1));
        assertEquals(FAST.breakerDelay(), e.retryAfter(), "refused by the open breaker");
        assertTrue(Duration.between(start, Instant.now()).compareTo(Duration.ofMillis(100)) < 0);
    }
}
