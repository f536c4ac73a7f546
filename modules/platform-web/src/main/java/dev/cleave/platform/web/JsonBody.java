package dev.cleave.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads a request body as one JSON object, enforcing the API's rules: {@code application/json} only (415),
 * at most {@link #MAX_BYTES} (413), well-formed JSON (400) whose top level is an object (400).
 */
public final class JsonBody {
    /** The largest body the API accepts: 64 KiB. */
    public static final int MAX_BYTES = 64 * 1024;

    private JsonBody() {
    }

    /**
     * Reads the body of a request as a JSON object and hands it to a field reader.
     *
     * @param request the request
     * @return a reader over the object's fields
     * @throws HttpProblem for a wrong content type, a body too large, or anything but a JSON object
     */
    public static JsonFields read(ServerRequest request) {
        requireJsonContentType(request);
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > MAX_BYTES) {
            throw tooLarge();
        }
        if (!request.content().hasEntity()) {
            throw HttpProblem.malformed("The request needs a JSON object body.");
        }
        byte[] bytes = readAtMost(request.content().inputStream());
        JsonNode node;
        try {
            node = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw HttpProblem.malformed("The body is not valid JSON: " + describe(e) + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw HttpProblem.malformed("The request needs a JSON object body.");
        }
        if (!(node instanceof ObjectNode object)) {
            throw HttpProblem.malformed("The body must be a JSON object, not " + JsonFields.kind(node) + ".");
        }
        return JsonFields.of(object);
    }

    private static void requireJsonContentType(ServerRequest request) {
        Optional<HttpMediaType> contentType = request.headers().contentType();
        if (contentType.isEmpty()) {
            throw HttpProblem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                                 "The body must be sent with Content-Type: application/json.");
        }
        HttpMediaType type = contentType.get();
        // Exactly application/json: a wildcard such as application/* says nothing about the body.
        if (!type.mediaType().type().equalsIgnoreCase("application")
            || !type.mediaType().subtype().equalsIgnoreCase("json")) {
            throw HttpProblem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                                 "The body must be application/json, not " + type.mediaType().text() + ".");
        }
        Optional<String> charset = type.charset();
        if (charset.isPresent() && !charset.get().equalsIgnoreCase("utf-8")) {
            throw HttpProblem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "JSON bodies must be UTF-8.");
        }
    }

    // Reads one byte past the limit, so a chunked body that is too large is caught without reading all of it.
    private static byte[] readAtMost(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpProblem tooLarge() {
        return HttpProblem.of(ProblemType.PAYLOAD_TOO_LARGE,
                              "The body is larger than " + MAX_BYTES / 1024 + " KiB.");
    }

    // Jackson's messages can name its own classes and settings; clients get a fixed sentence and a position.
    private static String describe(JsonProcessingException e) {
        String what;
        if (e instanceof StreamConstraintsException) {
            what = "it nests too deep or holds too long a number or string";
        } else if (e instanceof MismatchedInputException && e.getOriginalMessage().contains("Trailing token")) {
            what = "there is more content after the JSON value";
        } else if (e.getOriginalMessage().contains("Duplicate field")) {
            what = "a property appears twice";
        } else if (e.getOriginalMessage().contains("end-of-input")) {
            what = "it ends too early";
        } else {
            what = "it is not well-formed";
        }
        JsonLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1
                ? what
                : what + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
