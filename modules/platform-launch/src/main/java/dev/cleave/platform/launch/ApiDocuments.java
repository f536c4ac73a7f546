package dev.cleave.platform.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.cleave.platform.spi.ApiDocument;
import dev.cleave.platform.spi.ContextProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * The OpenAPI documents of the contexts an assembly runs, and the one document assembled from them at start, so the
 * monolith describes all its contexts without a copy kept by hand. Assembling: paths, tags and components are put
 * together; a component two documents define alike is kept once, one they define differently is renamed after its
 * document ({@code NotFound} of {@code order-v1} becomes {@code OrderV1NotFound}) along with the references to it.
 * Two documents claiming the same path, or security requirements that differ, stop the assembly from starting.
 */
final class ApiDocuments {
    // Quotes only where YAML needs them, but always around a string that would read back as a number ("19.99").
    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPONENTS = "#/components/";

    private final Map<String, JsonNode> documents;
    private final JsonNode assembled;

    private ApiDocuments(Map<String, JsonNode> documents, JsonNode assembled) {
        this.documents = documents;
        this.assembled = assembled;
    }

    /**
     * Reads the contexts' documents and assembles them.
     *
     * @param assembly the assembly's name, for the assembled document's title
     * @param contexts the contexts the assembly runs
     * @return the documents
     * @throws IllegalStateException if a document cannot be read or two cannot be put together
     */
    static ApiDocuments of(String assembly, List<ContextProvider> contexts) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (ContextProvider context : contexts) {
            for (ApiDocument document : context.apiDocuments()) {
                if (documents.put(document.name(), parse(document)) != null) {
                    throw new IllegalStateException("two contexts have an API document named " + document.name());
                }
            }
        }
        return new ApiDocuments(Collections.unmodifiableMap(documents), assemble(assembly, documents));
    }

    /**
     * The document {@code /openapi} serves: the only one, or all of them assembled; {@code null} if there is none.
     *
     * @return the document
     */
    JsonNode assembled() {
        return assembled;
    }

    /**
     * Each context document by name, as its context wrote it.
     *
     * @return the documents
     */
    Map<String, JsonNode> each() {
        return documents;
    }

    /**
     * A document as YAML.
     *
     * @param document the document
     * @return the text
     */
    static String yaml(JsonNode document) {
        return write(YAML, document);
    }

    /**
     * A document as JSON.
     *
     * @param document the document
     * @return the text
     */
    static String json(JsonNode document) {
        return write(JSON, document);
    }

    private static String write(ObjectMapper mapper, JsonNode document) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an API document", e);
        }
    }

    private static JsonNode parse(ApiDocument document) {
        try {
            JsonNode tree = YAML.readTree(document.yaml());
            if (!tree.path("openapi").asText().startsWith("3.1") || !tree.path("paths").isObject()) {
                throw new IllegalStateException("API document " + document.name() + " is not an OpenAPI 3.1 document");
            }
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException("API document " + document.name() + " is not valid YAML", e);
        }
    }

    private static JsonNode assemble(String assembly, Map<String, JsonNode> documents) {
        if (documents.size() < 2) {
            return documents.values().stream().findFirst().orElse(null);
        }
        JsonNode first = documents.values().iterator().next();
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", first.path("openapi").asText());
        root.set("info", info(assembly, documents, first));
        root.set("servers", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("url", "/").put("description", "this " + assembly + " process")));
        root.set("security", first.path("security").deepCopy());
        ArrayNode tags = root.putArray("tags");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        documents.forEach((name, document) -> {
            if (!document.path("security").equals(first.path("security"))) {
                throw new IllegalStateException("API document " + name + " asks for other security than the rest");
            }
            JsonNode renamed = withOwnNames(name, document, components);
            document.path("tags").forEach(tag -> addTag(tags, tag, name));
            renamed.path("paths").properties().forEach(path -> {
                if (paths.has(path.getKey())) {
                    throw new IllegalStateException("two API documents describe " + path.getKey());
                }
                paths.set(path.getKey(), path.getValue());
            });
            renamed.path("components").properties().forEach(section -> section.getValue().properties().forEach(
                    component -> sectionOf(components, section.getKey()).set(component.getKey(),
                                                                             component.getValue())));
        });
        return root;
    }

    private static ObjectNode info(String assembly, Map<String, JsonNode> documents, JsonNode first) {
        ObjectNode info = JSON.createObjectNode();
        info.put("title", "Cleave API, " + assembly);
        info.put("version", documents.entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue().path("info").path("version").asText())
                .collect(Collectors.joining(", ")));
        info.put("summary", "Every API this process serves, assembled from its contexts' own documents.");
        StringBuilder description = new StringBuilder(
                "This document is assembled at start from the API documents of the contexts this process runs; "
                + "each is also served alone at `/openapi/<name>`.\n");
        documents.forEach((name, document) -> description
                .append("\n# ").append(document.path("info").path("title").asText())
                .append(": ").append(name).append(' ').append(document.path("info").path("version").asText())
                .append("\n\n").append(document.path("info").path("description").asText()));
        info.put("description", description.toString());
        info.set("contact", first.path("info").path("contact").deepCopy());
        info.set("license", first.path("info").path("license").deepCopy());
        return info;
    }

    private static void addTag(ArrayNode tags, JsonNode tag, String document) {
        for (JsonNode known : tags) {
            if (known.path("name").equals(tag.path("name"))) {
                if (!known.equals(tag)) {
                    throw new IllegalStateException("API document " + document + " describes tag "
                                                    + tag.path("name").asText() + " unlike another document");
                }
                return;
            }
        }
        tags.add(tag.deepCopy());
    }

    // Components already assembled under the same name and alike are shared; others are renamed after the document.
    private static JsonNode withOwnNames(String document, JsonNode tree, ObjectNode assembled) {
        Map<String, String> renames = new HashMap<>();
        tree.path("components").properties().forEach(section -> section.getValue().properties().forEach(component -> {
            JsonNode existing = assembled.path(section.getKey()).get(component.getKey());
            if (existing != null && !existing.equals(component.getValue())) {
                renames.put(COMPONENTS + section.getKey() + "/" + component.getKey(),
                            COMPONENTS + section.getKey() + "/" + prefix(document) + component.getKey());
            }
        }));
        JsonNode copy = tree.deepCopy();
        if (renames.isEmpty()) {
            return copy;
        }
        rewriteReferences(copy, renames);
        ObjectNode components = (ObjectNode) copy.path("components");
        renames.forEach((from, to) -> {
            String[] old = from.substring(COMPONENTS.length()).split("/");
            ObjectNode section = (ObjectNode) components.get(old[0]);
            section.set(to.substring(to.lastIndexOf('/') + 1), section.remove(old[1]));
        });
        return copy;
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renames.get(ref.asText())));
            }
            object.forEach(child -> rewriteReferences(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteReferences(child, renames));
        }
    }

    // order-v1 -> OrderV1
    private static String prefix(String document) {
        List<String> parts = new ArrayList<>();
        for (String part : document.split("-")) {
            parts.add(Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return String.join("", parts);
    }

    private static ObjectNode sectionOf(ObjectNode components, String section) {
        JsonNode existing = components.get(section);
        return existing instanceof ObjectNode object ? object : components.putObject(section);
    }
}
