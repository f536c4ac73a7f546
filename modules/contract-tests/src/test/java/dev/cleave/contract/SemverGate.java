package dev.cleave.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.media.Schema;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedApiResponse;
import org.openapitools.openapidiff.core.model.ChangedContent;
import org.openapitools.openapidiff.core.model.ChangedHeaders;
import org.openapitools.openapidiff.core.model.ChangedList;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.ChangedParameters;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.DiffResult;
import org.openapitools.openapidiff.core.model.schema.ChangedEnum;
import org.openapitools.openapidiff.core.model.schema.ChangedMaxItems;
import org.openapitools.openapidiff.core.model.schema.ChangedMaxLength;
import org.openapitools.openapidiff.core.model.schema.ChangedMinItems;
import org.openapitools.openapidiff.core.model.schema.ChangedMinLength;
import org.openapitools.openapidiff.core.model.schema.ChangedNullable;
import org.openapitools.openapidiff.core.model.schema.ChangedNumericRange;
import org.openapitools.openapidiff.core.model.schema.ChangedPattern;
import org.openapitools.openapidiff.core.model.schema.ChangedRequired;
import org.openapitools.openapidiff.core.output.ConsoleRender;

/**
 * The semantic-versioning gate of an API document: how a served document changed since its released baseline
 * ({@code api/<name>.yaml}) must agree with how its {@code info.version} moved. The version is
 * {@code MAJOR.MINOR.PATCH} with the baseline's major (a new major is a new document, {@code order-v2} beside
 * {@code order-v1}, with a baseline of its own) and never below the baseline's. A breaking change fails whatever the
 * version says; an additive one needs a greater minor; a document whose contract did not change, or changed only in
 * its prose (descriptions, summaries, examples), passes at the same version.
 *
 * <p>openapi-diff judges what breaks a client. It reads OpenAPI 3.1 but compares only 3.0's single {@code type}
 * (so {@code [string, "null"]} against {@code integer} would pass as equal, and arrays would not be compared item by
 * item), so both documents are first rewritten in 3.0 terms: a type list with {@code "null"} becomes the type with
 * {@code nullable: true}, a schema's {@code examples} list its {@code example}, {@code const} an {@code enum} of one,
 * a numeric {@code exclusiveMinimum} a {@code minimum} with the boolean. A schema of several non-null types has no 3.0
 * form and stops the gate rather than pass unexamined.
 */
final class SemverGate {
    private static final Pattern SEMANTIC_VERSION =
            Pattern.compile("(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)");
    /** Maps whose keys are names, not keywords: a property called {@code const} is not a {@code const}. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "schemas",
                                                          "dependentSchemas");
    /** Plain data, never rewritten: an example may well hold a list under {@code type}. */
    private static final Set<String> VALUES = Set.of("example", "examples", "value", "default", "enum", "const");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private SemverGate() {
    }

    /**
     * Judges a served document against its baseline.
     *
     * @param name     the document's name, e.g. {@code user-v1}
     * @param baseline the released baseline, YAML
     * @param served   the document as served now, YAML or JSON
     * @return the verdict
     */
    static Verdict judge(String name, String baseline, String served) {
        JsonNode before = read(name + " baseline", baseline);
        JsonNode after = read(name, served);
        String baselineText = before.path("info").path("version").asText();
        String servedText = after.path("info").path("version").asText();
        List<String> problems = new ArrayList<>();
        Matcher baselineVersion = SEMANTIC_VERSION.matcher(baselineText);
        Matcher servedVersion = SEMANTIC_VERSION.matcher(servedText);
        if (!servedVersion.matches()) {
            problems.add("info.version '" + servedText + "' is not a semantic version MAJOR.MINOR.PATCH");
        }
        if (!baselineVersion.matches()) {
            problems.add("the baseline's info.version '" + baselineText + "' is not a semantic version");
        }
        if (!problems.isEmpty()) {
            return new Verdict(name, problems);
        }
        Version was = Version.of(baselineVersion);
        Version is = Version.of(servedVersion);
        if (is.major() != was.major()) {
            problems.add("major version " + is.major() + " is not the baseline's " + was.major() + ": a new major"
                         + " version is a new document beside this one, with a baseline of its own");
            return new Verdict(name, problems);
        }
        if (is.compareTo(was) < 0) {
            problems.add("version " + servedText + " is below the baseline's " + baselineText);
        }
        ChangedOpenApi diff = OpenApiCompare.fromContents(asOpenApi30(before), asOpenApi30(after));
        DiffResult result = diff.isChanged();
        if (result.isIncompatible() || result == DiffResult.UNKNOWN) {
            problems.add("breaking changes since the baseline " + baselineText + " (a break needs a new major version,"
                         + " that is a new document):\n      - " + String.join("\n      - ", breaks(diff)));
        } else if (result == DiffResult.COMPATIBLE && is.minor() <= was.minor()) {
            problems.add("additive change needs a minor bump: " + additions(diff) + " since the baseline "
                         + baselineText + ", so the version must be at least " + was.major() + "." + (was.minor() + 1)
                         + ".0, not " + servedText);
        }
        return new Verdict(name, problems);
    }

    /**
     * What the gate found for one document.
     *
     * @param document the document's name
     * @param problems why it does not pass, none if it does
     */
    record Verdict(String document, List<String> problems) {
        Verdict {
            problems = List.copyOf(problems);
        }

        boolean passes() {
            return problems.isEmpty();
        }

        @Override
        public String toString() {
            return passes() ? document + " keeps semantic versioning against its baseline"
                    : document + " breaks semantic versioning against its baseline:\n  - "
                      + String.join("\n  - ", problems);
        }
    }

    private record Version(int major, int minor, int patch) implements Comparable<Version> {
        static Version of(Matcher matched) {
            return new Version(Integer.parseInt(matched.group(1)), Integer.parseInt(matched.group(2)),
                               Integer.parseInt(matched.group(3)));
        }

        @Override
        public int compareTo(Version other) {
            int major = Integer.compare(this.major, other.major);
            int minor = Integer.compare(this.minor, other.minor);
            return major != 0 ? major : minor != 0 ? minor : Integer.compare(patch, other.patch);
        }
    }

    // ---- naming the changes ------------------------------------------------------------------------------------

    private static String additions(ChangedOpenApi diff) {
        List<String> added = new ArrayList<>();
        diff.getNewEndpoints().forEach(endpoint -> added.add("new endpoint " + endpoint.getMethod() + " "
                                                             + endpoint.getPathUrl()));
        diff.getChangedOperations().stream()
                .filter(operation -> operation.isChanged() == DiffResult.COMPATIBLE)
                .forEach(operation -> added.add(operation.getHttpMethod() + " " + operation.getPathUrl()
                                                + " changed"));
        return added.isEmpty() ? "the document changed compatibly" : String.join(", ", added);
    }

    // Each break once, with every place it shows: a shared schema changes many operations' responses at once.
    private static List<String> breaks(ChangedOpenApi diff) {
        Map<String, Set<String>> where = new LinkedHashMap<>();
        diff.getMissingEndpoints().forEach(endpoint -> note(where, "endpoint removed",
                                                            endpoint.getMethod() + " " + endpoint.getPathUrl()));
        boolean unnamed = false;
        for (ChangedOperation operation : diff.getChangedOperations()) {
            if (operation.isIncompatible()) {
                int known = where.values().stream().mapToInt(Set::size).sum();
                operation(operation, where);
                unnamed |= where.values().stream().mapToInt(Set::size).sum() == known;
            }
        }
        List<String> lines = new ArrayList<>();
        where.forEach((what, places) -> lines.add(what + " (in " + String.join("; ", places) + ")"));
        if (unnamed || lines.isEmpty()) {
            lines.add("openapi-diff also found breaks this gate cannot name; its report:\n" + rendered(diff));
        }
        return lines;
    }

    private static void operation(ChangedOperation operation, Map<String, Set<String>> where) {
        String at = operation.getHttpMethod() + " " + operation.getPathUrl();
        ChangedParameters parameters = operation.getParameters();
        if (incompatible(parameters)) {
            parameters.getMissing().forEach(parameter -> note(where, parameter.getIn() + " parameter "
                                                                     + parameter.getName() + " removed", at));
            parameters.getIncreased().stream()
                    .filter(parameter -> Boolean.TRUE.equals(parameter.getRequired()))
                    .forEach(parameter -> note(where, "new required " + parameter.getIn() + " parameter "
                                                      + parameter.getName(), at));
            parameters.getChanged().stream().filter(Changed::isIncompatible).forEach(parameter -> {
                String what = parameter.getIn() + " parameter " + parameter.getName();
                if (parameter.isChangeRequired()) {
                    note(where, what + " became required", at);
                }
                schema(parameter.getSchema(), what, "", at, where);
            });
        }
        if (incompatible(operation.getRequestBody())) {
            if (operation.getRequestBody().isChangeRequired()) {
                note(where, "request body became required", at);
            }
            content(operation.getRequestBody().getContent(), "request", at, where);
        }
        ChangedApiResponse responses = operation.getApiResponses();
        if (incompatible(responses)) {
            responses.getMissing().keySet().forEach(status -> note(where, "response " + status + " removed", at));
            responses.getChanged().forEach((status, response) -> {
                if (response.isIncompatible()) {
                    headers(response.getHeaders(), at + " " + status, where);
                    content(response.getContent(), "response", at + " " + status, where);
                }
            });
        }
        if (incompatible(operation.getSecurityRequirements())) {
            note(where, "security requirements changed", at);
        }
    }

    private static void headers(ChangedHeaders headers, String at, Map<String, Set<String>> where) {
        if (!incompatible(headers)) {
            return;
        }
        headers.getMissing().keySet().forEach(name -> note(where, "response header " + name + " removed", at));
        headers.getChanged().forEach((name, header) -> {
            if (header.isIncompatible()) {
                if (header.isRequired()) {
                    note(where, "response header " + name + " is no longer required", at);
                }
                schema(header.getSchema(), "response header " + name, "", at, where);
            }
        });
    }

    private static void content(ChangedContent content, String side, String at, Map<String, Set<String>> where) {
        if (!incompatible(content)) {
            return;
        }
        content.getMissing().keySet().forEach(type -> note(where, side + " media type " + type + " removed", at));
        content.getChanged().forEach((type, media) -> schema(media.getSchema(), side, "", at + " " + type, where));
    }

    private static void schema(ChangedSchema schema, String side, String property, String at,
                               Map<String, Set<String>> where) {
        if (schema == null || !schema.isIncompatible()) {
            return;
        }
        String what = property.isEmpty() ? side + " body" : side + " property " + property;
        if (schema.isCoreChanged().isIncompatible()) {
            if (schema.isChangedType()) {
                note(where, what + ": type " + type(schema.getOldSchema()) + " became " + type(schema.getNewSchema()),
                     at);
            }
            schema.getMissingProperties().keySet()
                    .forEach(name -> note(where, side + " property " + join(property, name) + " removed", at));
            if (schema.isChangeFormat()) {
                note(where, what + ": format changed", at);
            }
            if (schema.isDiscriminatorPropertyChanged()) {
                note(where, what + ": discriminator changed", at);
            }
        }
        for (Changed keyword : keywords(schema)) {
            if (keyword != null && keyword.isIncompatible()) {
                note(where, what + ": " + describe(keyword), at);
            }
        }
        schema.getChangedProperties().forEach((name, child) -> schema(child, side, join(property, name), at, where));
        schema(schema.getItems(), side, property + "[]", at, where);
        schema(schema.getAddProp(), side, property + "{}", at, where);
        if (schema.getOneOfSchema() != null && schema.getOneOfSchema().isIncompatible()) {
            note(where, what + ": oneOf changed", at);
        }
    }

    private static String rendered(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new ConsoleRender().render(diff, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<Changed> keywords(ChangedSchema schema) {
        List<Changed> keywords = new ArrayList<>();
        keywords.add(schema.getEnumeration());
        keywords.add(schema.getRequired());
        keywords.add(schema.getReadOnly());
        keywords.add(schema.getWriteOnly());
        keywords.add(schema.getMaxLength());
        keywords.add(schema.getMinLength());
        keywords.add(schema.getPattern());
        keywords.add(schema.getNumericRange());
        keywords.add(schema.getMultipleOf());
        keywords.add(schema.getMaxItems());
        keywords.add(schema.getMinItems());
        keywords.add(schema.getUniqueItems());
        keywords.add(schema.getMaxProperties());
        keywords.add(schema.getMinProperties());
        keywords.add(schema.getNullable());
        return keywords;
    }

    private static String describe(Changed keyword) {
        return switch (keyword) {
            case ChangedEnum<?> list -> "enum" + listed(list);
            case ChangedRequired list -> "required" + listed(list);
            case ChangedMaxLength length -> "maxLength " + length.getOldValue() + " became " + length.getNewValue();
            case ChangedMinLength length -> "minLength " + length.getOldValue() + " became " + length.getNewValue();
            case ChangedMaxItems items -> "maxItems " + items.getOldValue() + " became " + items.getNewValue();
            case ChangedMinItems items -> "minItems " + items.getOldValue() + " became " + items.getNewValue();
            case ChangedPattern pattern -> "pattern " + pattern.getOldPattern() + " became " + pattern.getNewPattern();
            case ChangedNullable nullable -> "nullable " + nullable.getLeft() + " became " + nullable.getRight();
            case ChangedNumericRange range -> "range [" + range.getOldMinimumValue() + ", "
                                              + range.getOldMaximumValue() + "] became ["
                                              + range.getNewMinimumValue() + ", " + range.getNewMaximumValue() + "]";
            default -> {
                // ChangedReadOnly -> readOnly changed
                String keywordName = keyword.getClass().getSimpleName().replaceFirst("^Changed", "");
                yield Character.toLowerCase(keywordName.charAt(0)) + keywordName.substring(1) + " changed";
            }
        };
    }

    private static String listed(ChangedList<?> list) {
        return (list.getIncreased().isEmpty() ? "" : " added " + list.getIncreased())
               + (list.getMissing().isEmpty() ? "" : " removed " + list.getMissing());
    }

    private static String type(Schema<?> schema) {
        if (schema == null) {
            return "nothing";
        }
        return schema.getType() + (Boolean.TRUE.equals(schema.getNullable()) ? " or null" : "");
    }

    private static String join(String property, String name) {
        return property.isEmpty() ? name : property + "." + name;
    }

    private static boolean incompatible(Changed changed) {
        return changed != null && changed.isIncompatible();
    }

    private static void note(Map<String, Set<String>> where, String what, String at) {
        where.computeIfAbsent(what, key -> new LinkedHashSet<>()).add(at);
    }

    // ---- OpenAPI 3.1 in 3.0 terms, for openapi-diff ------------------------------------------------------------

    private static String asOpenApi30(JsonNode document) {
        ObjectNode copy = document.deepCopy();
        copy.put("openapi", "3.0.3");
        // 3.1-only fields of info; kept they only make the 3.0 parser warn.
        if (copy.path("info") instanceof ObjectNode info) {
            info.remove("summary");
            if (info.path("license") instanceof ObjectNode license) {
                license.remove("identifier");
            }
        }
        rewrite(copy, "");
        try {
            return JSON.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void rewrite(JsonNode node, String pointer) {
        if (node instanceof ObjectNode schema) {
            if (schema.path("type").isArray()) {
                singleType(schema, pointer);
            }
            if (schema.path("examples") instanceof ArrayNode examples) {
                schema.remove("examples");
                if (!examples.isEmpty()) {
                    schema.set("example", examples.get(0));
                }
            }
            if (schema.has("const")) {
                schema.set("enum", JSON.createArrayNode().add(schema.remove("const")));
            }
            exclusiveBound(schema, "exclusiveMinimum", "minimum");
            exclusiveBound(schema, "exclusiveMaximum", "maximum");
            for (Map.Entry<String, JsonNode> entry : schema.properties()) {
                String key = entry.getKey();
                String at = pointer + "/" + key;
                if (SCHEMA_MAPS.contains(key) && entry.getValue() instanceof ObjectNode map) {
                    map.properties().forEach(named -> rewrite(named.getValue(), at + "/" + named.getKey()));
                } else if (!VALUES.contains(key)) {
                    rewrite(entry.getValue(), at);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                rewrite(array.get(i), pointer + "/" + i);
            }
        }
    }

    private static void singleType(ObjectNode schema, String pointer) {
        List<String> types = new ArrayList<>();
        schema.path("type").forEach(type -> types.add(type.asText()));
        boolean nullable = types.remove("null");
        if (types.size() != 1) {
            throw new IllegalArgumentException("the gate cannot compare the schema at " + pointer + " of types "
                                               + schema.path("type") + ": OpenAPI 3.0, which openapi-diff compares,"
                                               + " has one type and null; describe it with oneOf");
        }
        schema.put("type", types.getFirst());
        if (nullable) {
            schema.put("nullable", true);
        }
    }

    private static void exclusiveBound(ObjectNode schema, String exclusive, String inclusive) {
        if (schema.path(exclusive).isNumber()) {
            schema.set(inclusive, schema.remove(exclusive));
            schema.put(exclusive, true);
        }
    }

    private static JsonNode read(String what, String text) {
        try {
            JsonNode document = YAML.readTree(text);
            if (document == null || !document.path("openapi").asText().startsWith("3.")) {
                throw new IllegalArgumentException(what + " is not an OpenAPI 3 document");
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not YAML", e);
        }
    }
}
