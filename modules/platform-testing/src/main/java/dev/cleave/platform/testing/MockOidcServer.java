package dev.cleave.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OIDC server for tests: {@code no.nav.security:mock-oauth2-server} in a JVM of its own, on a free loopback
 * port, serving discovery, JWKS and the token endpoint of one issuer. It signs with the key a test hands it (a
 * private JWK, as JSON), so the test can also sign tokens of its own that the server's JWKS vouches for, and give
 * client-credentials tokens chosen claims. Restarting it on the same port with another key is a key rotation;
 * stopping it is an issuer outage. Stopped by PID.
 *
 * <p>Its class path comes from the file named by the system property {@value #CLASSPATH_PROPERTY} (written by the
 * {@code test-issuer} module), so its own libraries never mix with the tests'.
 */
public final class MockOidcServer implements AutoCloseable {
    /** The system property naming the file that holds the server's class path. */
    public static final String CLASSPATH_PROPERTY = "cleave.test-issuer.classpath";
    private static final String MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String issuerId;
    private final int port;
    private final Path log;
    private final String clientCredentialsClaims;
    private final Duration tokenLifetime;
    private Process process;

    private MockOidcServer(String issuerId, int port, Path log, String clientCredentialsClaims,
                           Duration tokenLifetime) {
        this.issuerId = issuerId;
        this.tokenLifetime = tokenLifetime;
        this.port = port;
        this.log = log;
        this.clientCredentialsClaims = clientCredentialsClaims;
    }

    /**
     * Starts a server and waits until its discovery document answers.
     *
     * @param workDir                 where its log goes
     * @param issuerId                the issuer's path, e.g. {@code cleave}: the issuer is
     *                                {@code http://127.0.0.1:<port>/<issuerId>}
     * @param signingKey              the private JWK it signs with, as JSON
     * @param clientCredentialsClaims the claims of every client-credentials token, as a JSON object (the
     *                                server's templates work, e.g. {@code "sub": "${clientId}"})
     * @return the running server
     */
    public static MockOidcServer start(Path workDir, String issuerId, String signingKey,
                                       String clientCredentialsClaims) {
        return start(workDir, issuerId, signingKey, clientCredentialsClaims, DEFAULT_TOKEN_LIFETIME);
    }

    /**
     * Starts a server whose client-credentials tokens live as long as the test needs, e.g. a few seconds for a
     * test that waits for a cached token to run out.
     *
     * @param workDir                 where its log goes
     * @param issuerId                the issuer's path
     * @param signingKey              the private JWK it signs with, as JSON
     * @param clientCredentialsClaims the claims of every client-credentials token, as a JSON object
     * @param tokenLifetime           how long its tokens are valid, in whole seconds
     * @return the running server
     */
    public static MockOidcServer start(Path workDir, String issuerId, String signingKey,
                                       String clientCredentialsClaims, Duration tokenLifetime) {
        try {
            Files.createDirectories(workDir);
            MockOidcServer server = new MockOidcServer(issuerId, freePort(),
                                                       Files.createTempFile(workDir, "mock-oidc-", ".log"),
                                                       clientCredentialsClaims, tokenLifetime);
            server.launch(signingKey);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The issuer, exactly as its tokens name it in {@code iss}.
     *
     * @return the issuer URL
     */
    public URI issuerUrl() {
        return URI.create("http://127.0.0.1:" + port + "/" + issuerId);
    }

    /**
     * Its token endpoint.
     *
     * @return the URL
     */
    public URI tokenEndpoint() {
        return URI.create(issuerUrl() + "/token");
    }

    /**
     * Stops the server (an outage of the issuer); {@link #restart} brings it back.
     */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /**
     * Starts the server again on the same port, signing with another key: the issuer rotated its keys.
     *
     * @param signingKey the new private JWK, as JSON
     */
    public void restart(String signingKey) {
        stop();
        launch(signingKey);
    }

    @Override
    public void close() {
        stop();
    }

    private void launch(String signingKey) {
        String classpathFile = System.getProperty(CLASSPATH_PROPERTY);
        if (classpathFile == null || !Files.isRegularFile(Path.of(classpathFile))) {
            throw new IllegalStateException("the test issuer's class path file is missing (" + CLASSPATH_PROPERTY
                                            + " = " + classpathFile + "); build modules/test-issuer first");
        }
        try {
            String classpath = Files.readString(Path.of(classpathFile), StandardCharsets.UTF_8).trim();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-cp", classpath, MAIN));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("SERVER_HOSTNAME", "127.0.0.1");
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("JSON_CONFIG", config(signingKey));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting the test issuer failed", e);
        }
        awaitDiscovery();
    }

    private String config(String signingKey) {
        return "{\"interactiveLogin\":false,\"httpServer\":\"NettyWrapper\","
               + "\"tokenProvider\":{\"keyProvider\":{\"initialKeys\":" + jsonString(signingKey)
               + ",\"algorithm\":\"RS256\"}},"
               + "\"tokenCallbacks\":[{\"issuerId\":" + jsonString(issuerId)
               + ",\"tokenExpiry\":" + tokenLifetime.toSeconds() + ","
               + "\"requestMappings\":[{\"requestParam\":\"grant_type\",\"match\":\"client_credentials\","
               + "\"claims\":" + clientCredentialsClaims + "}]}]}";
    }

    private void awaitDiscovery() {
        URI discovery = URI.create(issuerUrl() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the test issuer exited with " + process.exitValue() + "; see "
                                                + log);
            }
            try {
                HttpResponse<Void> response = PROBE.send(HttpRequest.newBuilder(discovery)
                                                                 .timeout(Duration.ofSeconds(2)).build(),
                                                         HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        stop();
        throw new IllegalStateException("the test issuer did not answer within " + START_TIMEOUT + "; see " + log);
    }

    private static String jsonString(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
