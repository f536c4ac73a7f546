package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the assemblies say about their API, checked where a client reads it: {@code /openapi} (no token needed),
 * each context's own document at {@code /openapi/<name>}, both linters on exactly what is served, the released
 * baselines in {@code api/} and the semantic versioning of each served document against its baseline
 * ({@link SemverGate}), and the {@code /docs} page, rendered offline in headless Chromium.
 */
class TheServedApiDescriptionIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path API_DIR = Path.of(System.getProperty("cleave.api.dir", "../../api"));
    private static final Path MODULES_DIR = Path.of(System.getProperty("cleave.modules.dir", ".."));
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Each context document, by the context that owns it. */
    private static final Map<String, String> OWNERS = Map.of("user-v1", "user", "order-v1", "order",
                                                             "order-v2", "order");

    @TempDir
    static Path dataDir;
    private static AssemblyProcess monolith;
    private static SplitServices split;
    /** The services, by assembly name, and the documents each should serve. */
    private static final Map<String, URI> SERVICES = new LinkedHashMap<>();
    private static final Map<String, List<String>> DOCUMENTS = Map.of("monolith", List.of("user-v1", "order-v1",
                                                                                          "order-v2"),
                                                                      "user", List.of("user-v1"),
                                                                      "order", List.of("order-v1", "order-v2"));

    @BeforeAll
    static void start() {
        monolith = AssemblyProcess.start("monolith", dataDir.resolve("monolith"), Map.of());
        split = SplitServices.start(dataDir.resolve("split"));
        SERVICES.put("monolith", monolith.baseUri());
        SERVICES.put("user", split.userService().baseUri());
        SERVICES.put("order", split.orderService().baseUri());
    }

    @AfterAll
    static void stop() {
        if (split != null) {
            split.close();
        }
        if (monolith != null) {
            monolith.close();
        }
    }

    @Test
    void eachServiceServesItsContextsDocumentsUnchangedWithoutAToken() {
        DOCUMENTS.forEach((assembly, documents) -> {
            for (String name : documents) {
                assertEquals(source(name), yaml(get(assembly, "/openapi/" + name, "*/*")),
                             assembly + " serves /openapi/" + name + " as its context wrote it");
            }
        });
    }

    @Test
    void openapiDescribesEveryPathOfTheContextsTheProcessRunsAndNoOther() {
        DOCUMENTS.forEach((assembly, documents) -> {
            Set<String> expected = new TreeSet<>();
            documents.forEach(name -> source(name).path("paths").fieldNames().forEachRemaining(expected::add));
            Set<String> served = new TreeSet<>();
            yaml(get(assembly, "/openapi", "*/*")).path("paths").fieldNames().forEachRemaining(served::add);
            assertEquals(expected, served, assembly + "'s /openapi");
        });
    }

    @Test
    void openapiIsYamlByDefaultAndJsonWhenAskedTheSameDocument() {
        for (String assembly : SERVICES.keySet()) {
            HttpResponse<String> yaml = send(assembly, "/openapi", "*/*");
            HttpResponse<String> json = send(assembly, "/openapi", "application/json");
            assertEquals(200, yaml.statusCode());
            assertTrue(yaml.headers().firstValue("Content-Type").orElse("").contains("openapi"), yaml::toString);
            assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                       json::toString);
            assertEquals(yaml(yaml.body()), json(json.body()), assembly);
        }
    }

    @Test
    void everyServedDocumentPassesBothLintersWithoutAWarning() throws IOException {
        Path out = Files.createDirectories(dataDir.resolve("served-api"));
        List<String> files = new ArrayList<>();
        for (String assembly : SERVICES.keySet()) {
            Path assembled = out.resolve(assembly + ".yaml");
            Files.writeString(assembled, get(assembly, "/openapi", "*/*"));
            files.add(assembled.toString());
        }
        for (String name : DOCUMENTS.get("monolith")) {
            Path alone = out.resolve(name + ".yaml");
            Files.writeString(alone, get("monolith", "/openapi/" + name, "*/*"));
            files.add(alone.toString());
        }
        List<String> command = new ArrayList<>(List.of("bash", API_DIR.resolve("lint.sh").toString()));
        command.addAll(files);
        Run lint = run(command);
        assertEquals(0, lint.status(), lint::output);
    }

    @Test
    void everyServedDocumentKeepsSemanticVersioningAgainstItsReleasedBaseline() throws IOException {
        List<String> failures = new ArrayList<>();
        Set<String> baselines = new TreeSet<>();
        try (Stream<Path> files = Files.list(API_DIR)) {
            files.map(file -> file.getFileName().toString())
                    .filter(file -> file.matches("[a-z0-9-]+-v[0-9]+\\.yaml"))
                    .forEach(file -> baselines.add(file.substring(0, file.length() - ".yaml".length())));
        }
        for (String name : DOCUMENTS.get("monolith")) {
            Path baseline = API_DIR.resolve(name + ".yaml");
            if (!baselines.remove(name)) {
                failures.add(name + " is served but has no released baseline " + baseline
                             + ": copy the document there when it is released");
                continue;
            }
            SemverGate.Verdict verdict = SemverGate.judge(name, Files.readString(baseline),
                                                          get("monolith", "/openapi/" + name, "*/*"));
            if (!verdict.passes()) {
                failures.add(verdict.toString());
            }
        }
        // A released document that is no longer served is a removed API: say so by removing its baseline too.
        baselines.forEach(name -> failures.add("the baseline api/" + name + ".yaml has no served document"));
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    @Test
    void theDocsPageIsRenderedFromTheDocumentTheServiceServes() {
        for (String assembly : SERVICES.keySet()) {
            HttpResponse<String> page = send(assembly, "/docs", "text/html");
            assertEquals(200, page.statusCode(), assembly);
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), assembly);
            // Compared as trees, reported briefly: the documents are long.
            assertTrue(json(get(assembly, "/openapi", "application/json")).equals(embeddedDefinition(page.body())),
                       assembly + "'s /docs shows another document than its /openapi: run ./cleave update-api-docs");
        }
    }

    @Test
    void theDocsPageShowsEveryOperationInABrowserWithoutTheNetwork() {
        for (String assembly : SERVICES.keySet()) {
            Run browser = run(List.of("node", API_DIR.resolve("check-docs.mjs").toString(),
                                      SERVICES.get(assembly).toString()));
            assertEquals(0, browser.status(), assembly + ": " + browser.output());
        }
    }

    // redocly build-docs writes the document into the page as `const __redoc_definition = {...};` on one line.
    private static JsonNode embeddedDefinition(String page) {
        String marker = "const __redoc_definition = ";
        int start = page.indexOf(marker);
        assertTrue(start >= 0, "the page carries no document");
        int end = page.indexOf('\n', start);
        String definition = page.substring(start + marker.length(), end).strip();
        return json(definition.endsWith(";") ? definition.substring(0, definition.length() - 1) : definition);
    }

    private static JsonNode source(String name) {
        Path file = MODULES_DIR.resolve(OWNERS.get(name)).resolve("src/main/resources/META-INF/openapi")
                .resolve(name + ".yaml");
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String get(String assembly, String path, String accept) {
        HttpResponse<String> response = send(assembly, path, accept);
        assertEquals(200, response.statusCode(), assembly + " " + path + ": " + response.body());
        return response.body();
    }

    private static HttpResponse<String> send(String assembly, String path, String accept) {
        HttpRequest request = HttpRequest.newBuilder(SERVICES.get(assembly).resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", accept)
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + text, e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private record Run(int status, String output) {
    }

    private static Run run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Run(-1, "timed out: " + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
