package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keycloak from its distribution ({@code bin/kc.sh start-dev}) on free loopback ports, with the realm of
 * {@code docs/keycloak/realm-cleave.json} imported exactly as the README's setup does, and what a test needs from
 * its admin API: the order service's client secret (Keycloak generates it; it is in no file), people with a password
 * and realm roles, and their access tokens. Stopped by PID.
 */
final class KeycloakServer implements AutoCloseable {
    static final String REALM = "cleave";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final String adminPassword;

    private KeycloakServer(Process process, int port, Path log, String adminPassword) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts Keycloak with the realm file imported and waits until the realm's discovery document answers.
     *
     * @param workDir   where its log goes
     * @param realmFile the realm to import
     * @return the running server
     */
    static KeycloakServer start(Path workDir, Path realmFile) {
        Path home = Path.of(System.getProperty("cleave.keycloak.home", "missing"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + "; run the build (mvn verify)");
        }
        try {
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Files.copy(realmFile, imports.resolve("realm-cleave.json"), StandardCopyOption.REPLACE_EXISTING);
            int port = AssemblyProcess.freePort();
            Path log = Files.createTempFile(Files.createDirectories(workDir), "keycloak-", ".log");
            String password = UUID.randomUUID().toString();
            ProcessBuilder builder = new ProcessBuilder(
                    // An in-memory database: every start is a fresh Keycloak with the realm imported anew, however
                    // often the unpacked distribution is reused.
                    home.resolve("bin/kc.sh").toString(), "start-dev", "--db=dev-mem", "--import-realm",
                    "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + AssemblyProcess.freePort())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", password);
            // Its own JDK is whatever runs the tests (21+); a small heap is plenty for one realm.
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            KeycloakServer server = new KeycloakServer(builder.start(), port, log, password);
            server.awaitRealm();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The realm's issuer, exactly as its tokens name it in {@code iss}. */
    URI issuerUrl() {
        return URI.create("http://127.0.0.1:" + port + "/realms/" + REALM);
    }

    /** The secret Keycloak generated for a confidential client. */
    String clientSecret(String clientId) {
        JsonNode clients = admin("GET", "/clients?clientId=" + clientId, null);
        String id = clients.get(0).get("id").asText();
        return admin("GET", "/clients/" + id + "/client-secret", null).get("value").asText();
    }

    /** Creates a person with a password and realm roles; returns its subject (Keycloak's user id). */
    String createUser(String username, String password, List<String> realmRoles) {
        admin("POST", "/users", Map.of(
                "username", username, "enabled", true, "email", username + "@example.com", "emailVerified", true,
                "firstName", username, "lastName", "Tester",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        String id = admin("GET", "/users?exact=true&username=" + username, null).get(0).get("id").asText();
        if (!realmRoles.isEmpty()) {
            List<JsonNode> roles = realmRoles.stream().map(role -> admin("GET", "/roles/" + role, null)).toList();
            admin("POST", "/users/" + id + "/role-mappings/realm", roles);
        }
        return id;
    }

    /** A person's access token, by the password grant of the {@code cleave-cli} client. */
    String passwordToken(String username, String password) {
        return token(REALM, Map.of("grant_type", "password", "client_id", "cleave-cli", "username", username,
                                   "password", password, "scope", "openid"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private JsonNode admin(String method, String path, Object body) {
        String token = token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                                              "username", "admin", "password", adminPassword));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/admin/realms/" + REALM + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                                                + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token from realm " + realm + ": " + response.statusCode() + " "
                                                + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitRealm() {
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuerUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + START_TIMEOUT + ":\n"
                                        + log());
    }
}
