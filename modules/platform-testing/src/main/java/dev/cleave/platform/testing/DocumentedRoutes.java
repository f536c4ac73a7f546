package dev.cleave.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.helidon.webserver.http.HttpService;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Holds a context's OpenAPI documents to its HTTP services: every route a service registers (by method and path
 * template; {@code any} fallbacks that answer 405 are not routes) is an operation of a document, and every
 * operation of the documents is routed.
 */
public final class DocumentedRoutes {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
                                                      "trace");

    private DocumentedRoutes() {
    }

    /**
     * Fails, listing both differences, unless the routes and the operations are the same.
     *
     * @param documents the context's documents, as YAML text
     * @param services  the context's HTTP services by the path they are mounted at
     */
    public static void assertDescribe(List<String> documents, Map<String, HttpService> services) {
        Set<String> routed = new TreeSet<>();
        services.forEach((path, service) -> routed.addAll(RouteRecorder.routes(path, service)));
        Set<String> documented = new TreeSet<>();
        documents.forEach(document -> documented.addAll(operations(document)));
        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routed);
        assertEquals("routed but not documented: [], documented but not routed: []",
                     "routed but not documented: " + undocumented + ", documented but not routed: " + unrouted);
    }

    /**
     * The operations a document describes, as {@code METHOD /path/{template}}.
     *
     * @param document the document, as YAML
     * @return the operations
     */
    static Set<String> operations(String document) {
        Set<String> operations = new TreeSet<>();
        try {
            JsonNode paths = YAML.readTree(document).path("paths");
            paths.properties().forEach(path -> path.getValue().properties().forEach(item -> {
                if (METHODS.contains(item.getKey())) {
                    operations.add(item.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }));
        } catch (IOException e) {
            throw new UncheckedIOException("not a YAML document", e);
        }
        return operations;
    }
}
