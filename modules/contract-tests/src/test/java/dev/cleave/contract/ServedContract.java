package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

/**
 * What a service promises in the OpenAPI document it serves, held against every exchange the suite has with it, so
 * that code and document cannot drift apart unnoticed: a field added in code but not in the document, a status or a
 * route nobody described, a missing required header, or a request the document refuses that the server accepted.
 *
 * <p>Only versioned paths ({@code /v1/...}) are the contract; health, {@code /openapi} and {@code /docs} are not
 * checked. A path the document does not describe must be refused with 404, a method it does not describe with 405
 * (whose {@code Allow} names the documented methods; OPTIONS, the protocol's own, may be answered); anything else
 * there is an undocumented route.
 *
 * <p>Schemas are checked with JSON Schema 2020-12 in the OpenAPI 3.1 dialect, each at its own place in the whole
 * document (registered under a made-up IRI), so every {@code $ref}, however nested, resolves as the document means it.
 * The document comes from a running service ({@link #servedBy}) or from text ({@link #of}), as a unit test has it.
 */
final class ServedContract {
    /** Where the document is registered for the validator; never fetched, only a base for its references. */
    private static final String DOCUMENT_IRI = "https://cleave.invalid/served/openapi.json";
    private static final Pattern VERSIONED = Pattern.compile("/v[0-9]+(/.*)?");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
                                                      "trace");
    /** HEAD and OPTIONS come with every route; an {@code Allow} header naming them says nothing undocumented. */
    private static final Set<String> IMPLIED_METHODS = Set.of("HEAD", "OPTIONS");
    // "{...} trailing" is not a JSON body, though a lenient reader would take its first value; and 0.1 stays exact
    // for multipleOf and bounds.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    /** Each service's document, read once per base URI. */
    private static final Map<URI, ServedContract> SERVED = new ConcurrentHashMap<>();

    private final String source;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ServedContract(String source, JsonNode document) {
        this.source = source;
        this.document = document;
        String json = write(document);
        this.registry = SchemaRegistry.withDefaultDialect(
                Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, json))
                        // date-time, uri and the like are part of what the document promises, not decoration.
                        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /**
     * A contract from an OpenAPI 3.1 document's text.
     *
     * @param source where the document comes from, for messages
     * @param text   the document, YAML or JSON
     * @return the contract
     */
    static ServedContract of(String source, String text) {
        try {
            JsonNode document = (text.stripLeading().startsWith("{") ? JSON : YAML).readTree(text);
            if (!document.path("paths").isObject()) {
                throw new IllegalArgumentException(source + " is not an OpenAPI document: it has no paths");
            }
            return new ServedContract(source, document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is neither YAML nor JSON", e);
        }
    }

    /**
     * The contract a running service serves at {@code /openapi}, read once and kept.
     *
     * @param base the service's base URI
     * @return its contract
     */
    static ServedContract servedBy(URI base) {
        return SERVED.computeIfAbsent(base, ServedContract::fetch);
    }

    /**
     * Holds one exchange with a running service against the document it serves.
     *
     * @param base     the service's base URI
     * @param exchange the exchange
     * @throws AssertionError naming every way the exchange is not what the document says
     */
    static void check(URI base, Exchange exchange) {
        if (!describes(exchange.path())) {
            return;
        }
        ServedContract kept = servedBy(base);
        if (kept.violations(exchange).isEmpty()) {
            return;
        }
        // Ports are reused: the kept document may be of a process that listened here before. Ask again first.
        ServedContract judge = kept;
        try {
            judge = fetch(base);
            SERVED.put(base, judge);
        } catch (UncheckedIOException e) {
            // The service stopped since it answered: the document it served then is the one to judge by.
        }
        judge.assertKept(exchange);
    }

    /**
     * Whether a path is part of the versioned contract.
     *
     * @param path the path, without query
     * @return whether exchanges on it are checked
     */
    static boolean describes(String path) {
        return VERSIONED.matcher(path).matches();
    }

    /**
     * Holds one exchange against this document.
     *
     * @param exchange the exchange
     * @throws AssertionError naming every way the exchange is not what the document says
     */
    void assertKept(Exchange exchange) {
        List<String> violations = violations(exchange);
        if (!violations.isEmpty()) {
            throw new AssertionError(exchange.method() + " " + exchange.target() + " answered " + exchange.status()
                                     + ", unlike " + source + " says:\n  - " + String.join("\n  - ", violations)
                                     + "\n  reply body: " + abbreviated(exchange.responseBody()));
        }
    }

    /**
     * Every way an exchange is not what this document says.
     *
     * @param exchange the exchange
     * @return the violations, none if it is as documented or not part of the contract
     */
    List<String> violations(Exchange exchange) {
        String path = exchange.path();
        if (!describes(path)) {
            return List.of();
        }
        Optional<Route> found = route(path);
        if (found.isEmpty()) {
            return exchange.status() == 404 ? List.of()
                    : List.of("undocumented route: the document has no path matching " + path + ", so it should be"
                              + " answered 404");
        }
        Route route = found.get();
        At operation = route.item().at(exchange.method().toLowerCase(Locale.ROOT));
        if (!operation.exists()) {
            // OPTIONS is HTTP's own question about a route (CORS preflights ask it), which documents seldom describe.
            return exchange.method().equals("OPTIONS") ? List.of() : undocumentedMethod(exchange, route);
        }
        List<String> violations = new ArrayList<>();
        List<String> refused = requestViolations(exchange, route, operation);
        int status = exchange.status();
        if (!refused.isEmpty() && (status < 400 || status >= 500)) {
            violations.add("the document refuses this request, but it was answered " + status + " rather than 4xx:"
                           + refused.stream().map(reason -> "\n      - request " + reason)
                                   .collect(Collectors.joining()));
        }
        violations.addAll(responseViolations(exchange, route, operation));
        return violations;
    }

    private List<String> undocumentedMethod(Exchange exchange, Route route) {
        Set<String> documented = route.item().node().properties().stream()
                .map(Map.Entry::getKey)
                .filter(METHODS::contains)
                .map(method -> method.toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        if (exchange.status() != 405) {
            return List.of("undocumented route: " + exchange.method() + " is not documented for " + route.template()
                           + " (only " + documented + "), so it should be answered 405");
        }
        List<String> allow = exchange.responseHeaders().get("Allow");
        if (allow == null) {
            return List.of();
        }
        Set<String> allowed = allow.stream()
                .flatMap(value -> Pattern.compile(",").splitAsStream(value))
                .map(method -> method.strip().toUpperCase(Locale.ROOT))
                .filter(method -> !method.isEmpty() && !IMPLIED_METHODS.contains(method))
                .collect(Collectors.toCollection(TreeSet::new));
        documented.removeAll(IMPLIED_METHODS);
        return allowed.equals(documented) ? List.of()
                : List.of("405 with Allow " + allowed + ", but the document describes " + documented + " for "
                          + route.template());
    }

    // ---- the request -------------------------------------------------------------------------------------------

    private List<String> requestViolations(Exchange exchange, Route route, At operation) {
        List<String> violations = new ArrayList<>();
        Map<String, List<String>> query = exchange.query();
        Set<String> documentedQuery = new TreeSet<>();
        for (At parameter : parameters(route.item(), operation)) {
            String name = parameter.node().path("name").asText();
            String in = parameter.node().path("in").asText();
            boolean required = parameter.node().path("required").asBoolean(false);
            At schema = parameter.at("schema");
            List<String> values = switch (in) {
                case "path" -> route.parameters().containsKey(name) ? List.of(route.parameters().get(name)) : null;
                case "query" -> query.get(name);
                case "header" -> exchange.requestHeaders().get(name);
                default -> null;
            };
            if (in.equals("query")) {
                documentedQuery.add(name);
            }
            String what = in + " parameter " + name;
            if (values == null) {
                if (required) {
                    violations.add(what + " is required but missing");
                }
            } else if (schema.exists()) {
                violations.addAll(parameterViolations(what, values, schema));
            }
        }
        query.keySet().stream()
                .filter(name -> !documentedQuery.contains(name))
                .forEach(name -> violations.add("query parameter " + name + " is not documented"));
        At body = operation.at("requestBody").resolved();
        if (body.exists()) {
            violations.addAll(bodyViolations("body", exchange.requestBody(), exchange.requestHeaders(),
                                             body.node().path("required").asBoolean(false), body.at("content")));
        }
        return violations;
    }

    private List<String> parameterViolations(String what, List<String> values, At schema) {
        At resolved = schema.resolved();
        if (values.size() > 1 && !"array".equals(type(resolved))) {
            return List.of(what + " is given " + values.size() + " times, but the document takes one value");
        }
        JsonNode value = "array".equals(type(resolved))
                ? coerced(values, resolved.at("items"))
                : coerced(values.getFirst(), resolved);
        return validate(schema, value, what);
    }

    // ---- the response ------------------------------------------------------------------------------------------

    private List<String> responseViolations(Exchange exchange, Route route, At operation) {
        At responses = operation.at("responses");
        String status = Integer.toString(exchange.status());
        At response = responses.at(status);
        if (!response.exists()) {
            response = responses.at(status.charAt(0) + "XX");
        }
        if (!response.exists()) {
            response = responses.at("default");
        }
        if (!response.exists()) {
            List<String> documented = new ArrayList<>();
            responses.node().fieldNames().forEachRemaining(documented::add);
            return List.of("status " + status + " is not documented for " + exchange.method() + " "
                           + route.template() + " (only " + documented + ")");
        }
        response = response.resolved();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : response.at("headers").node().properties()) {
            String name = entry.getKey();
            // The document may not describe Content-Type as a header (OpenAPI ignores it); content says it.
            if (!name.equalsIgnoreCase("Content-Type")) {
                violations.addAll(headerViolations(name, response.at("headers").at(name).resolved(),
                                                   exchange.responseHeaders().get(name)));
            }
        }
        At content = response.at("content");
        if (content.exists() && !content.node().isEmpty()) {
            violations.addAll(bodyViolations("response body", exchange.responseBody(), exchange.responseHeaders(),
                                             true, content));
        } else if (!exchange.responseBody().isEmpty()) {
            violations.add("the response has a body, but the document describes none for " + status);
        }
        return violations;
    }

    private List<String> headerViolations(String name, At header, List<String> values) {
        if (values == null || values.isEmpty()) {
            return header.node().path("required").asBoolean(false)
                    ? List.of("response header " + name + " is required but missing")
                    : List.of();
        }
        At schema = header.at("schema");
        if (!schema.exists()) {
            return List.of();
        }
        // Several header lines mean the same as one line with the values comma-separated (RFC 9110, 5.3).
        return validate(schema, coerced(String.join(", ", values), schema.resolved()), "response header " + name);
    }

    // ---- bodies, either way ------------------------------------------------------------------------------------

    private List<String> bodyViolations(String what, String body, Map<String, List<String>> headers, boolean required,
                                        At content) {
        Set<String> documented = new TreeSet<>();
        content.node().fieldNames().forEachRemaining(documented::add);
        if (body == null || body.isEmpty()) {
            return required ? List.of(what + " is empty, but the document describes one (" + documented + ")")
                    : List.of();
        }
        String mediaType = mediaType(headers);
        At media = media(content, mediaType);
        if (!media.exists()) {
            return List.of(what + " is " + (mediaType.isEmpty() ? "without a Content-Type" : mediaType)
                           + ", but the document describes only " + documented);
        }
        At schema = media.at("schema");
        if (!schema.exists() || !isJson(mediaType)) {
            return List.of();
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of(what + " is not JSON: " + e.getOriginalMessage());
        }
        return validate(schema, value, what);
    }

    private static At media(At content, String mediaType) {
        At exact = content.at(mediaType);
        if (exact.exists() || mediaType.isEmpty()) {
            return exact;
        }
        At range = content.at(mediaType.substring(0, mediaType.indexOf('/') + 1) + "*");
        return range.exists() ? range : content.at("*/*");
    }

    private static String mediaType(Map<String, List<String>> headers) {
        List<String> values = headers.get("Content-Type");
        if (values == null || values.isEmpty()) {
            return "";
        }
        String value = values.getFirst();
        int parameters = value.indexOf(';');
        return (parameters < 0 ? value : value.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    // ---- schemas -----------------------------------------------------------------------------------------------

    private List<String> validate(At schema, JsonNode value, String what) {
        Schema compiled = schemas.computeIfAbsent(
                schema.pointer(), pointer -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer)));
        return compiled.validate(write(value), InputFormat.JSON).stream()
                .map(error -> {
                    String location = error.getInstanceLocation().toString();
                    return what + (location.isEmpty() ? "" : " " + location) + ": " + error.getMessage();
                })
                .toList();
    }

    // A parameter or header is text on the wire; its schema says which JSON value the text stands for.
    private static JsonNode coerced(String text, At schema) {
        JsonNodeFactory nodes = JSON.getNodeFactory();
        try {
            return switch (type(schema)) {
                case "integer" -> nodes.numberNode(new BigInteger(text));
                case "number" -> nodes.numberNode(new BigDecimal(text));
                case "boolean" -> text.equals("true") || text.equals("false")
                        ? nodes.booleanNode(Boolean.parseBoolean(text)) : nodes.textNode(text);
                case null, default -> nodes.textNode(text);
            };
        } catch (NumberFormatException e) {
            // Left as text: the validator then says it is a string where a number belongs.
            return nodes.textNode(text);
        }
    }

    private static JsonNode coerced(List<String> texts, At items) {
        ArrayNode array = JSON.createArrayNode();
        At schema = items.resolved();
        texts.forEach(text -> array.add(coerced(text, schema)));
        return array;
    }

    // The first type that is not "null": [integer, "null"] is an integer when the text is there at all.
    private static String type(At schema) {
        JsonNode type = schema.node().path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        for (JsonNode each : type) {
            if (!each.asText().equals("null")) {
                return each.asText();
            }
        }
        return null;
    }

    // ---- routes ------------------------------------------------------------------------------------------------

    private Optional<Route> route(String path) {
        String[] segments = path.split("/", -1);
        Route best = null;
        for (Map.Entry<String, JsonNode> entry : document.path("paths").properties()) {
            String[] parts = entry.getKey().split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            StringBuilder literals = new StringBuilder();
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                    matches = !segments[i].isEmpty();
                    parameters.put(parts[i].substring(1, parts[i].length() - 1), decodedSegment(segments[i]));
                    literals.append('0');
                } else {
                    matches = parts[i].equals(segments[i]);
                    literals.append('1');
                }
            }
            // A literal segment wins over a template at the first place they differ: /v1/users/me over {id}.
            if (matches && (best == null || literals.toString().compareTo(best.literals()) > 0)) {
                best = new Route(entry.getKey(), paths().at(entry.getKey()).resolved(), parameters,
                                 literals.toString());
            }
        }
        return Optional.ofNullable(best);
    }

    private At paths() {
        return new At(document, document, "").at("paths");
    }

    private List<At> parameters(At item, At operation) {
        Map<String, At> byPlace = new LinkedHashMap<>();
        for (At owner : List.of(item, operation)) {
            At list = owner.at("parameters");
            for (int i = 0; i < list.node().size(); i++) {
                At parameter = list.at(i).resolved();
                String in = parameter.node().path("in").asText();
                String name = parameter.node().path("name").asText();
                // An operation's parameter replaces the path item's of the same name and place.
                byPlace.put(in + ":" + (in.equals("header") ? name.toLowerCase(Locale.ROOT) : name), parameter);
            }
        }
        return List.copyOf(byPlace.values());
    }

    private static String decodedSegment(String segment) {
        // A path segment is not form-encoded: '+' is a plus sign there.
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    // ---- reading the document ----------------------------------------------------------------------------------

    private static ServedContract fetch(URI base) {
        URI location = base.resolve("/openapi");
        HttpRequest request = HttpRequest.newBuilder(location)
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("cannot read the served document " + location + ": " + response.statusCode()
                                         + " " + abbreviated(response.body()));
            }
            return of(location.toString(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the served document " + location, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }

    /**
     * A place in the document, with its JSON pointer: schemas are validated where they stand, so that their
     * references resolve against the document.
     */
    private record At(JsonNode root, JsonNode node, String pointer) {
        boolean exists() {
            return !node.isMissingNode() && !node.isNull();
        }

        At at(String key) {
            return new At(root, node.path(key), pointer + "/" + key.replace("~", "~0").replace("/", "~1"));
        }

        At at(int index) {
            return new At(root, node.path(index), pointer + "/" + index);
        }

        // Local references only: the served document is assembled into one, with nothing outside it.
        At resolved() {
            At at = this;
            for (int hops = 0; at.node().path("$ref").isTextual(); hops++) {
                String ref = at.node().path("$ref").asText();
                if (!ref.startsWith("#") || hops > 20) {
                    throw new IllegalStateException("cannot follow $ref " + ref + " at " + at.pointer());
                }
                String target = ref.substring(1);
                at = new At(root, target.isEmpty() ? root : root.at(target), target);
            }
            return at;
        }
    }

    /** One matched path: its template, its path item, the values of its parameters. */
    private record Route(String template, At item, Map<String, String> parameters, String literals) {
    }

    /**
     * One request and the reply to it, as the contract sees them. Header names are case-insensitive.
     *
     * @param method          the request method
     * @param target          the request's path and query
     * @param requestHeaders  the request's headers
     * @param requestBody     the request's body, or {@code null} for none
     * @param status          the reply's status code
     * @param responseHeaders the reply's headers
     * @param responseBody    the reply's body, empty for none
     */
    record Exchange(String method, String target, Map<String, List<String>> requestHeaders, String requestBody,
                    int status, Map<String, List<String>> responseHeaders, String responseBody) {
        Exchange {
            method = method.toUpperCase(Locale.ROOT);
            requestHeaders = caseInsensitive(requestHeaders);
            responseHeaders = caseInsensitive(responseHeaders);
            responseBody = responseBody == null ? "" : responseBody;
        }

        String path() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        Map<String, List<String>> query() {
            int start = target.indexOf('?');
            Map<String, List<String>> query = new LinkedHashMap<>();
            if (start < 0) {
                return query;
            }
            for (String pair : target.substring(start + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
            return query;
        }

        private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((name, values) -> copy.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values));
            return copy;
        }
    }
}
