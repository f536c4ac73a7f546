package dev.cleave.user.client;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cleave.user.api.UserSummary;

/**
 * What this client reads of the user API, and nothing more: the reply of {@code GET /v1/users/{id}}. Its fields
 * and statuses are the client's consumer contract; the build checks them against the user context's OpenAPI
 * document, so a change to the user API that would break this client fails the build instead of production.
 */
final class UserReply {
    /** The operation the client calls. */
    static final String OPERATION = "GET /v1/users/{id}";
    /** The fields it reads, with the JSON type each must have. */
    static final Map<String, String> FIELDS = Map.of("id", "integer",
                                                     "name", "string",
                                                     "email", "string",
                                                     "owner", "string");
    /** The statuses it tells apart: a user, or none. */
    static final Set<Integer> STATUSES = Set.of(200, 404);

    private UserReply() {
    }

    /**
     * Reads a {@code 200} reply.
     *
     * @param user the body
     * @return the user as the directory API shows it
     */
    static UserSummary read(JsonNode user) {
        JsonNode owner = field(user, "owner");
        return new UserSummary(field(user, "id").asLong(), field(user, "name").asText(), field(user, "email").asText(),
                               owner.isTextual() ? owner.asText() : null);
    }

    // Every read goes through the declared fields, so the contract cannot fall behind the code.
    private static JsonNode field(JsonNode user, String name) {
        if (!FIELDS.containsKey(name)) {
            throw new IllegalStateException("the user client reads '" + name + "' without declaring it in FIELDS");
        }
        return user.path(name);
    }
}
