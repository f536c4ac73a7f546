package dev.cleave.platform.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One OpenAPI 3.1 document a context owns: the contract of one major version of its HTTP API (for example
 * {@code order-v2}). The context keeps it beside its code, in {@code META-INF/openapi/<name>.yaml} of its own
 * module, and the launcher serves it; the platform keeps no copy of its own.
 *
 * @param name the document's name, {@code <context>-v<major>}
 * @param yaml the document, as YAML text
 */
public record ApiDocument(String name, String yaml) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*-v[0-9]+");

    /**
     * Checks the name.
     */
    public ApiDocument {
        Objects.requireNonNull(yaml, "yaml");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an API document is named <context>-v<major>, not " + name);
        }
    }

    /**
     * Reads {@code META-INF/openapi/<name>.yaml} from the module of {@code owner}. The folder is not a package, so
     * the resource is readable without opening anything.
     *
     * @param owner a class of the context's module
     * @param name  the document's name
     * @return the document
     * @throws IllegalStateException if the module has no such document
     */
    public static ApiDocument of(Class<?> owner, String name) {
        String path = "/META-INF/openapi/" + name + ".yaml";
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(owner.getModule().getName() + " has no API document " + path);
            }
            return new ApiDocument(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
