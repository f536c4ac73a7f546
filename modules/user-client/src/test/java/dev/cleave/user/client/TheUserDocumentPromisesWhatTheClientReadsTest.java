package dev.cleave.user.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumer contract of the order side's user client: every field it reads ({@link UserReply#FIELDS}) is a
 * required property of the right type in the user context's document, and every status it tells apart is
 * documented. Removing {@code email} from the user API v1 fails this build.
 */
class TheUserDocumentPromisesWhatTheClientReadsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path USER_DOCUMENT = Path.of(System.getProperty("cleave.user.openapi"));

    @Test
    void theUserDocumentHasEveryFieldAndStatusTheClientReads() throws IOException {
        assertEquals(List.of(), violations(YAML.readTree(Files.readString(USER_DOCUMENT))));
    }

    @Test
    void aUserDocumentWithoutEmailBreaksTheContract() throws IOException {
        JsonNode document = YAML.readTree(Files.readString(USER_DOCUMENT));
        ObjectNode user = (ObjectNode) document.path("components").path("schemas").path("User");
        ((ObjectNode) user.path("properties")).remove("email");

        assertEquals(List.of("GET /v1/users/{id} → 200 has no property 'email' (the client reads it as string)"),
                     violations(document));
    }

    @Test
    void aUserDocumentWhoseIdBecameAStringBreaksTheContract() throws IOException {
        JsonNode document = YAML.readTree(Files.readString(USER_DOCUMENT));
        ObjectNode id = (ObjectNode) document.path("components").path("schemas").path("User").path("properties")
                .path("id");
        id.put("type", "string");

        assertEquals(List.of("GET /v1/users/{id} → 200 has 'id' as [string], the client reads it as integer"),
                     violations(document));
    }

    private static List<String> violations(JsonNode document) {
        String[] operation = UserReply.OPERATION.split(" ");
        JsonNode responses = document.path("paths").path(operation[1]).path(operation[0].toLowerCase())
                .path("responses");
        List<String> violations = new ArrayList<>();
        for (int status : UserReply.STATUSES.stream().sorted().toList()) {
            if (!responses.has(Integer.toString(status))) {
                violations.add(UserReply.OPERATION + " does not document " + status);
            }
        }
        JsonNode schema = resolve(document, responses.path("200").path("content").path("application/json")
                .path("schema"));
        UserReply.FIELDS.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(field -> {
            JsonNode property = resolve(document, schema.path("properties").path(field.getKey()));
            String at = UserReply.OPERATION + " → 200";
            if (property.isMissingNode()) {
                violations.add(at + " has no property '" + field.getKey() + "' (the client reads it as "
                               + field.getValue() + ")");
            } else if (!types(property).contains(field.getValue())) {
                violations.add(at + " has '" + field.getKey() + "' as " + types(property) + ", the client reads it as "
                               + field.getValue());
            } else if (!required(schema, field.getKey())) {
                violations.add(at + " does not require '" + field.getKey() + "', which the client reads");
            }
        });
        return violations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() ? resolve(document, document.at(ref.asText().substring(1))) : node;
    }

    private static List<String> types(JsonNode property) {
        JsonNode type = property.path("type");
        List<String> types = new ArrayList<>();
        if (type.isArray()) {
            type.forEach(each -> types.add(each.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        }
        return types;
    }

    private static boolean required(JsonNode schema, String field) {
        for (JsonNode name : schema.path("required")) {
            if (name.asText().equals(field)) {
                return true;
            }
        }
        return false;
    }
}
