package dev.cleave.platform.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

import dev.cleave.platform.web.HttpProblem;
import dev.cleave.platform.web.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.LazyValue;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.openapi.OpenApiFeature;
import io.helidon.openapi.OpenApiFormat;
import io.helidon.openapi.OpenApiManager;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The API's description, public like the health probes: {@code /openapi} (YAML, or JSON on
 * {@code Accept: application/json} or {@code ?format=JSON}) serves the assembled document through Helidon's OpenAPI
 * feature, {@code /openapi/<name>} each context document alone, and {@code /docs} the reference page rendered from
 * the assembled document by {@code redocly build-docs} ({@code ./cleave update-api-docs} writes it into the
 * assembly's resources; the page needs nothing from the network).
 */
final class ApiEndpoints {
    /** Where the assembly's reference page is kept, gzipped, in its own module. */
    static final String PAGE = "META-INF/cleave/api-docs.html.gz";
    /** The paths anyone may read without a token. */
    static final String OPENAPI = "/openapi";
    static final String DOCS = "/docs";

    private ApiEndpoints() {
    }

    /**
     * Adds the endpoints.
     *
     * @param server    the server, for Helidon's OpenAPI features
     * @param routing   the public routing, for the page
     * @param documents the assembly's documents
     */
    static void install(WebServerConfig.Builder server, HttpRouting.Builder routing, ApiDocuments documents) {
        if (documents.assembled() == null) {
            return;
        }
        server.addFeature(feature("openapi", OPENAPI, documents.assembled()));
        documents.each().forEach((name, document) -> server.addFeature(
                feature("openapi-" + name, OPENAPI + "/" + name, document)));
        LazyValue<String> page = LazyValue.create(ApiEndpoints::page);
        routing.get(DOCS, (request, response) -> docs(request, response, page));
    }

    private static OpenApiFeature feature(String name, String path, JsonNode document) {
        return OpenApiFeature.builder()
                .name(name)
                .webContext(path)
                .permitAll(true)
                .servicesDiscoverServices(false)
                .managerDiscoverServices(false)
                .manager(new Document(name, ApiDocuments.yaml(document), ApiDocuments.json(document)))
                .build();
    }

    private static void docs(ServerRequest request, ServerResponse response, LazyValue<String> page) {
        String html = page.get();
        if (html == null) {
            throw HttpProblem.of(ProblemType.NOT_FOUND, "This assembly has no API reference page; see /openapi.");
        }
        response.headers().contentType(MediaTypes.TEXT_HTML);
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.send(html);
    }

    private static String page() {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(PAGE)) {
            if (in == null) {
                return null;
            }
            try (GZIPInputStream html = new GZIPInputStream(in)) {
                return new String(html.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE, e);
        }
    }

    // Helidon's OpenAPI feature asks its manager for the model and its text; the model here is written once.
    private record Document(String name, String yaml, String json) implements OpenApiManager<String> {
        @Override
        public String type() {
            return "cleave";
        }

        @Override
        public String load(String content) {
            return yaml;
        }

        @Override
        public String format(String model, OpenApiFormat format) {
            return format == OpenApiFormat.JSON ? json : yaml;
        }
    }
}
