package dev.cleave.platform.web;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Strong ETags that are a resource's version, and the {@code If-Match} check for optimistic concurrency.
 */
public final class ETags {
    /** A version no resource ever has: what an {@code If-Match} with no usable tag expects. */
    private static final long NO_VERSION = -1;

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
     * The version the client expects, from its {@code If-Match}. The use case then changes the resource only if
     * it is still at that version, in the same statement, so a concurrent change still fails the precondition.
     *
     * @param request        the request
     * @param currentVersion reads the resource's current version; called only when {@code If-Match} lists several
     *                       tags, to pick the one that matches
     * @return empty if there is no {@code If-Match} or it is {@code *} (any current version); otherwise the expected
     *         version, which is a version no resource has if no listed tag can match (weak or malformed tags)
     */
    public static Optional<Long> expectedVersion(ServerRequest request, LongSupplier currentVersion) {
        Optional<String> header = request.headers().value(HeaderNames.IF_MATCH);
        if (header.isEmpty() || header.get().isBlank() || header.get().trim().equals("*")) {
            return Optional.empty();
        }
        Set<Long> listed = versions(header.get());
        if (listed.size() <= 1) {
            return Optional.of(listed.isEmpty() ? NO_VERSION : listed.iterator().next());
        }
        long current = currentVersion.getAsLong();
        return Optional.of(listed.contains(current) ? current : NO_VERSION);
    }

    // If-Match uses strong comparison: a weak tag (W/"1") never matches, so it is not listed.
    private static Set<Long> versions(String header) {
        Set<Long> versions = new LinkedHashSet<>();
        for (String tag : header.split(",")) {
            String t = tag.trim();
            if (t.length() > 2 && t.startsWith("\"") && t.endsWith("\"")) {
                String inner = t.substring(1, t.length() - 1);
                if (!inner.isEmpty() && inner.length() < 19 && inner.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    versions.add(Long.parseLong(inner));
                }
            }
        }
        return versions;
    }
}
