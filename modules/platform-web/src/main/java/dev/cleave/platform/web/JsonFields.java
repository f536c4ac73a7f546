package dev.cleave.platform.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cleave.platform.api.InvalidInputException;
import dev.cleave.platform.api.Violations;

/**
 * Reads the fields of one JSON object strictly: exact JSON types (no {@code "5"} for a number, no {@code 1.0} for an
 * integer), no unknown or read-only properties. Every problem found is collected, and {@link #done()} throws them
 * together as one invalid-input error, so a client learns everything wrong with its request at once.
 */
public final class JsonFields {
    private final ObjectNode object;
    private final String prefix;
    private final Violations violations;

    private JsonFields(ObjectNode object, String prefix, Violations violations) {
        this.object = object;
        this.prefix = prefix;
        this.violations = violations;
    }

    static JsonFields of(ObjectNode object) {
        return new JsonFields(object, "", new Violations());
    }

    /**
     * What identifies this body whatever its formatting and property order: the SHA-256 of its canonical JSON.
     *
     * @return the fingerprint, hex
     */
    public String fingerprint() {
        try {
            byte[] canonical = Json.mapper().writeValueAsBytes(canonical(object));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a JSON body", e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode sorted = Json.mapper().createObjectNode();
            new TreeMap<>(object.properties().stream()
                                  .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .forEach((name, value) -> sorted.set(name, canonical(value)));
            return sorted;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.mapper().createArrayNode();
            array.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        return node;
    }

    /**
     * Declares which properties the object may have; others are reported as unknown, or as read-only when the
     * server sets them.
     *
     * @param writable the properties a client may send
     * @param readOnly the properties only the server sets (e.g. {@code id}, {@code version})
     * @return this reader
     */
    public JsonFields allowOnly(Set<String> writable, Set<String> readOnly) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!writable.contains(name)) {
                violations.add(path(name), readOnly.contains(name) ? "is read-only" : "is not a known property");
            }
        }
        return this;
    }

    /**
     * A required string.
     *
     * @param name the property
     * @return the value, or {@code null} if missing or not a string (already reported)
     */
    public String string(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(path(name), "must be a string, not " + kind(node));
            return null;
        }
        return node.textValue();
    }

    /**
     * A required integer within the range of {@code long}.
     *
     * @param name the property
     * @return the value, or {@code null} if missing or not an integer (already reported)
     */
    public Long integer(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            violations.add(path(name), node.isIntegralNumber()
                    ? "is out of range"
                    : "must be an integer, not " + kind(node));
            return null;
        }
        return node.longValue();
    }

    /**
     * A required object, read with its own field reader.
     *
     * @param name   the property
     * @param reader reads the object; gets a reader whose paths are prefixed {@code name.}
     * @param <T>    the value's type
     * @return what the reader returned, or {@code null} if missing or not an object (already reported)
     */
    public <T> T object(String name, Function<JsonFields, T> reader) {
        JsonNode node = present(name);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ObjectNode value)) {
            violations.add(path(name), "must be an object, not " + kind(node));
            return null;
        }
        return reader.apply(new JsonFields(value, path(name) + ".", violations));
    }

    /**
     * Reports a property whose value, though of the right JSON type, breaks a rule only the caller can check.
     *
     * @param name    the property
     * @param message what is wrong, e.g. {@code must be an ISO 4217 currency code}
     */
    public void reject(String name, String message) {
        violations.add(path(name), message);
    }

    /**
     * A required array of objects, each read with its own field reader.
     *
     * @param name     the property
     * @param maxItems the most elements allowed; a longer array is reported without reading its elements, so a
     *                 huge array cannot make a huge error response
     * @param element  reads one element; gets a reader whose paths are prefixed {@code name[i].}
     * @param <T>      the element type
     * @return the elements read, or {@code null} if missing, not an array or too long (already reported)
     */
    public <T> List<T> objects(String name, int maxItems, Function<JsonFields, T> element) {
        JsonNode node = present(name);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            violations.add(path(name), "must be an array, not " + kind(node));
            return null;
        }
        if (node.size() > maxItems) {
            violations.add(path(name), "must have at most " + maxItems + " items");
            return null;
        }
        List<T> result = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = path(name) + "[" + i + "]";
            if (item instanceof ObjectNode itemObject) {
                result.add(element.apply(new JsonFields(itemObject, itemPath + ".", violations)));
            } else {
                violations.add(itemPath, "must be an object, not " + kind(item));
                result.add(null);
            }
        }
        return result;
    }

    /**
     * Ends reading by building the checked value, and reports the JSON's problems and the value's rules together,
     * so one reply tells the client everything. The check must accept {@code null} for fields already reported.
     *
     * @param check builds the value, throwing {@link dev.cleave.platform.api.InvalidInputException} for broken rules
     * @param <T>   the value's type
     * @return the value
     * @throws dev.cleave.platform.api.InvalidInputException with every problem, if there is any
     */
    public <T> T build(Supplier<T> check) {
        T value = null;
        try {
            value = check.get();
        } catch (InvalidInputException e) {
            e.violations().forEach(violation -> violations.add(violation.field(), violation.message()));
        }
        violations.throwIfAny();
        return value;
    }

    /**
     * Ends reading: throws every problem found so far.
     *
     * @throws dev.cleave.platform.api.InvalidInputException if any field was missing, mistyped or not allowed
     */
    public void done() {
        violations.throwIfAny();
    }

    private JsonNode present(String name) {
        JsonNode node = object.get(name);
        if (node == null || node.isNull()) {
            violations.add(path(name), "is required");
            return null;
        }
        return node;
    }

    private String path(String name) {
        return prefix + name;
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a decimal number";
            case STRING, BINARY -> "a string";
            case NULL, MISSING -> "null";
        };
    }
}
