package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SemverGate} on the released baselines in {@code api/}, each fixture an edit of a real baseline, made in code
 * so that it follows the baseline when the baseline moves on.
 */
class SemverGateTest {
    private static final Path API_DIR = Path.of(System.getProperty("cleave.api.dir", "../../api"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyBaselinePassesAgainstItself() {
        for (String name : List.of("user-v1", "order-v1", "order-v2")) {
            SemverGate.Verdict verdict = SemverGate.judge(name, baseline(name), baseline(name));
            assertTrue(verdict.passes(), verdict::toString);
        }
    }

    @Test
    void removingAResponsePropertyIsABreakThatNamesIt() {
        String withoutEmail = userV1(document -> {
            ObjectNode user = schema(document, "User");
            ((ObjectNode) user.path("properties")).remove("email");
            removeRequired(user, "email");
        });
        SemverGate.Verdict verdict = SemverGate.judge("user-v1", baseline("user-v1"), withoutEmail);

        assertFalse(verdict.passes(), verdict::toString);
        assertTrue(verdict.toString().contains("breaking changes"), verdict::toString);
        assertTrue(verdict.toString().contains("response property email removed (in POST /v1/users 201"
                                               + " application/json; GET /v1/users/{id} 200 application/json"),
                   verdict::toString);
        assertTrue(verdict.toString().contains("response property items[].email removed (in GET /v1/users 200"),
                   verdict::toString);
    }

    @Test
    void aBreakFailsWhateverTheVersionSays() {
        String stricter = userV1(document -> {
            version(document, bump(1));
            ((ObjectNode) schema(document, "UserDetails").path("properties").path("email")).put("maxLength", 100);
        });
        SemverGate.Verdict verdict = SemverGate.judge("user-v1", baseline("user-v1"), stricter);

        assertFalse(verdict.passes(), verdict::toString);
        assertTrue(verdict.toString().contains("request property email: maxLength 254 became 100"),
                   verdict::toString);
    }

    @Test
    void changingOneTypeOfATypeListIsABreak() {
        String integerOwner = userV1(document -> ((ObjectNode) schema(document, "User").path("properties")
                .path("owner")).set("type", YAML.createArrayNode().add("integer").add("null")));
        SemverGate.Verdict verdict = SemverGate.judge("user-v1", baseline("user-v1"), integerOwner);

        assertFalse(verdict.passes(), verdict::toString);
        assertTrue(verdict.toString().contains("response property owner: type string or null became integer or null"),
                   verdict::toString);
    }

    @Test
    void anOptionalResponsePropertyNeedsAMinorBump() {
        Consumer<ObjectNode> nickname = document -> ((ObjectNode) schema(document, "User").path("properties"))
                .putObject("nickname").put("type", "string");
        SemverGate.Verdict unbumped = SemverGate.judge("user-v1", baseline("user-v1"), userV1(nickname));
        SemverGate.Verdict patched = SemverGate.judge("user-v1", baseline("user-v1"),
                                                      userV1(nickname.andThen(document -> version(document, bump(2)))));
        SemverGate.Verdict bumped = SemverGate.judge("user-v1", baseline("user-v1"),
                                                     userV1(nickname.andThen(document -> version(document, bump(1)))));

        assertFalse(unbumped.passes(), unbumped::toString);
        assertTrue(unbumped.toString().contains("additive change needs a minor bump"), unbumped::toString);
        assertTrue(unbumped.toString().contains("at least " + bump(1) + ", not " + released()), unbumped::toString);
        assertFalse(patched.passes(), patched::toString);
        assertTrue(bumped.passes(), bumped::toString);
    }

    @Test
    void aNewEndpointNeedsAMinorBump() {
        Consumer<ObjectNode> avatar = document -> ((ObjectNode) document.path("paths"))
                .putObject("/v1/users/{id}/avatar")
                .putObject("get").put("operationId", "getAvatar")
                .putObject("responses").putObject("204").put("description", "No avatar.");
        SemverGate.Verdict unbumped = SemverGate.judge("user-v1", baseline("user-v1"), userV1(avatar));
        SemverGate.Verdict bumped = SemverGate.judge("user-v1", baseline("user-v1"),
                                                     userV1(avatar.andThen(document -> version(document, bump(1)))));

        assertFalse(unbumped.passes(), unbumped::toString);
        assertTrue(unbumped.toString().contains("additive change needs a minor bump: new endpoint GET"
                                                + " /v1/users/{id}/avatar"), unbumped::toString);
        assertTrue(bumped.passes(), bumped::toString);
    }

    @Test
    void proseAloneChangesNothingToBump() {
        String reworded = userV1(document -> ((ObjectNode) document.path("paths").path("/v1/users").path("post"))
                .put("description", "Registers one user."));
        SemverGate.Verdict verdict = SemverGate.judge("user-v1", baseline("user-v1"), reworded);

        assertTrue(verdict.passes(), verdict::toString);
    }

    @Test
    void aNewMajorVersionIsANewDocumentNotAnEditOfThisOne() {
        SemverGate.Verdict verdict = SemverGate.judge("user-v1", baseline("user-v1"),
                                                      userV1(document -> version(document, "2.0.0")));

        assertFalse(verdict.passes(), verdict::toString);
        assertTrue(verdict.toString().contains("major version 2 is not the baseline's 1"), verdict::toString);
    }

    @Test
    void aVersionThatIsNotSemanticOrGoesBackFails() {
        for (String version : List.of("1.0", "v1.0.0", "1.0.0-rc.1", "01.0.0")) {
            SemverGate.Verdict verdict = SemverGate.judge("user-v1", baseline("user-v1"),
                                                          userV1(document -> version(document, version)));
            assertTrue(verdict.toString().contains("is not a semantic version MAJOR.MINOR.PATCH"),
                       () -> version + ": " + verdict);
        }
        String later = bump(1);
        SemverGate.Verdict back = SemverGate.judge("user-v1", userV1(document -> version(document, later)),
                                                   baseline("user-v1"));
        assertTrue(back.toString().contains("version " + released() + " is below the baseline's " + later),
                   back::toString);
    }

    // ---- fixtures ----------------------------------------------------------------------------------------------

    private static String baseline(String name) {
        try {
            return Files.readString(API_DIR.resolve(name + ".yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String userV1(Consumer<ObjectNode> edit) {
        try {
            ObjectNode document = (ObjectNode) YAML.readTree(baseline("user-v1"));
            edit.accept(document);
            return YAML.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode schema(ObjectNode document, String name) {
        return (ObjectNode) document.path("components").path("schemas").path(name);
    }

    private static void removeRequired(ObjectNode schema, String property) {
        ArrayNode required = (ArrayNode) schema.path("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asText().equals(property)) {
                required.remove(i);
                return;
            }
        }
    }

    // The released user-v1's version, and the next minor (part 1) or patch (part 2) after it: the fixtures hold
    // whatever version the baseline is at.
    private static String released() {
        try {
            return YAML.readTree(baseline("user-v1")).path("info").path("version").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String bump(int part) {
        int[] version = Arrays.stream(released().split("\\.")).mapToInt(Integer::parseInt).toArray();
        version[part]++;
        if (part == 1) {
            version[2] = 0;
        }
        return version[0] + "." + version[1] + "." + version[2];
    }

    private static void version(ObjectNode document, String version) {
        ((ObjectNode) document.path("info")).put("version", version);
    }
}
