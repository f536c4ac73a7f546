package dev.cleave.platform.http;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Strong ETags that are a resource's version, and the {@code If-Match} check for optimistic concurrency.
 */
public final class ETags {
    private ETags() {
    }

    /**
     * The ETag of a version: the version in quotes.
     *
     * @param version the resource's version
     * @return the ETag
     */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version the client expects from its {@code If-Match}, if it sent one.
     *
     * @param request the request
     * @return the expected version; empty if there is no {@code If-Match} or it is {@code *}
     *         (any current version); {@code -1} if no listed tag can be a current version (weak or malformed)
     */
    public static Optional<Long> expectedVersion(ServerRequest request) {
        Optional<String> header = request.headers().value(HeaderNames.IF_MATCH);
        if (header.isEmpty() || header.get().isBlank() || header.get().trim().equals("*")) {
            return Optional.empty();
        }
        // If-Match uses strong comparison: a weak tag (W/"1") never matches.
        for (String tag : header.get().split(",")) {
            String t = tag.trim();
            if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
                String inner = t.substring(1, t.length() - 1);
                if (!inner.isEmpty() && inner.length() < 19 && inner.chars().allMatch(Character::isDigit)) {
                    return Optional.of(Long.parseLong(inner));
                }
            }
        }
        return Optional.of(-1L);
    }
}
