package dev.cleave.user.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.spi.RemoteApiProvider;
import dev.cleave.platform.spi.ServiceCredentials;
import dev.cleave.platform.spi.Tracing;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.UserSummary;
import io.helidon.faulttolerance.Bulkhead;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.FaultTolerance;
import io.helidon.faulttolerance.FtHandlerTyped;
import io.helidon.faulttolerance.Retry;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;

/**
 * {@link UserDirectory} over the user service's public v1 API ({@code GET /v1/users/{id}}): the contract has one
 * source of truth, the same one every other client uses. A 404 means "no such user"; anything else that is not a
 * 200 is a failure of the service, which the caller sees as {@link UnavailableException}, never as "not found".
 * Every call carries this service's own access token; the user service lets a token with the service role look up
 * any user.
 */
final class HttpUserDirectory implements UserDirectory, RemoteApiProvider.Resilience, AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(HttpUserDirectory.class.getName());
    // Reads only the fields it needs and ignores the rest, so fields the user API adds later break nothing.
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final String USER_ROUTE = "/v1/users/{id}";

    private final URI baseUrl;
    private final WebClient client;
    private final FtHandlerTyped<Optional<UserSummary>> resilience;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final UserClientSettings settings;
    private final ServiceCredentials credentials;

    HttpUserDirectory(URI baseUrl, UserClientSettings settings, ServiceCredentials credentials) {
        this.baseUrl = baseUrl;
        this.settings = settings;
        this.credentials = credentials;
        // Keep-alive connections, pooled per host by the client.
        this.client = WebClient.builder()
                .baseUri(baseUrl)
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .keepAlive(true)
                .build();
        this.breaker = CircuitBreaker.builder()
                .name("user-service")
                .volume(10)
                .errorRatio(50)
                .successThreshold(1)
                .delay(settings.breakerDelay())
                .build();
        this.retry = Retry.builder()
                .name("user-service")
                .calls(settings.attempts())
                .delay(settings.retryDelay())
                .jitter(settings.retryDelay())
                .overallTimeout(Duration.ofSeconds(2))
                .build();
        this.bulkhead = Bulkhead.builder()
                .name("user-service")
                .limit(settings.concurrency())
                .queueLength(settings.concurrency() * 2)
                .build();
        // The handler added last is outermost: the bulkhead admits, the breaker judges each lookup as a whole,
        // and the retry repeats only the HTTP call inside it.
        this.resilience = FaultTolerance.<Optional<UserSummary>>typedBuilder()
                .addRetry(retry)
                .addBreaker(breaker)
                .addBulkhead(bulkhead)
                .build();
    }

    @Override
    public Optional<UserSummary> find(long id) {
        // Outside the retries: a token endpoint that refuses or is down answers 503 with its own reason at once.
        String token = credentials.bearerToken();
        // Each attempt, retries too, is a client span of its own under the caller's span.
        Context caller = Context.current();
        try {
            return resilience.invoke(() -> fetch(id, token, caller));
        } catch (CircuitBreakerOpenException e) {
            throw new UnavailableException("The user service is failing; orders cannot be checked against users "
                                           + "right now.", settings.breakerDelay(), e);
        } catch (RuntimeException e) {
            throw new UnavailableException("The user service cannot be reached; orders cannot be checked against "
                                           + "users right now.", Duration.ofSeconds(1), e);
        }
    }

    private Optional<UserSummary> fetch(long id, String token, Context caller) {
        Span span = Tracing.tracer().spanBuilder("GET " + USER_ROUTE)
                .setParent(caller)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", "GET")
                .setAttribute("url.template", USER_ROUTE)
                .setAttribute("server.address", baseUrl.getHost())
                .setAttribute("server.port", (long) port(baseUrl))
                .setAttribute("rpc.service", UserDirectory.class.getSimpleName())
                .startSpan();
        HttpClientRequest request = client.get("/v1/users/" + id)
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token);
        Tracing.of(caller.with(span)).headers()
                .forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse response = request.request()) {
            int status = response.status().code();
            span.setAttribute("http.response.status_code", (long) status);
            if (status == 404) {
                return Optional.empty();
            }
            if (status != 200) {
                throw new UserServiceFailure("the user service answered " + status);
            }
            return Optional.of(UserReply.read(JSON.readTree(response.entity().inputStream())));
        } catch (IOException e) {
            Tracing.failed(span, e);
            throw new UncheckedIOException("reading the user service's reply failed", e);
        } catch (RuntimeException e) {
            Tracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String breakerState() {
        return breaker.state().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public long retries() {
        return retry.retryCounter();
    }

    @Override
    public long inFlight() {
        return bulkhead.stats().concurrentExecutions();
    }

    @Override
    public long queued() {
        return bulkhead.stats().waitingQueueSize();
    }

    @Override
    public void close() {
        LOGGER.log(System.Logger.Level.DEBUG, "user service client closed; breaker was " + breaker.state());
        client.closeResource();
    }

    /** The user service answered, but not with a user or a 404. */
    static final class UserServiceFailure extends RuntimeException {
        UserServiceFailure(String message) {
            super(message);
        }
    }
}
