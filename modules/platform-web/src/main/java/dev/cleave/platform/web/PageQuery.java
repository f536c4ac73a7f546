package dev.cleave.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.ServerRequest;

/**
 * The {@code limit} and {@code cursor} of a listing, read and checked from the query. A cursor is opaque to
 * clients: it encodes the id of the last item seen and the listing it belongs to, so one listing's cursor is
 * refused by another.
 *
 * @param limit   the page size, 1 to {@link #MAX_LIMIT}
 * @param afterId the last id seen, or {@code null} for the first page
 */
public record PageQuery(int limit, Long afterId) {
    /** Page size when the client names none. */
    public static final int DEFAULT_LIMIT = 20;
    /** Largest page size a client may ask for. */
    public static final int MAX_LIMIT = 100;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * Reads {@code limit} and {@code cursor}, refusing any query parameter not in {@code allowed} and any given twice.
     *
     * @param request the request
     * @param listing the listing's name, bound into its cursors (e.g. {@code users})
     * @param allowed every query parameter the listing accepts, including {@code limit} and {@code cursor}
     * @return the page query
     * @throws HttpProblem 400 for unknown, repeated or invalid parameters
     */
    public static PageQuery read(ServerRequest request, String listing, Set<String> allowed) {
        UriQuery query = request.query();
        for (String name : query.names()) {
            if (!allowed.contains(name)) {
                throw HttpProblem.malformed("Unknown query parameter '" + name + "'; allowed: "
                                            + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
            if (query.all(name).size() > 1) {
                throw HttpProblem.malformed("Query parameter '" + name + "' is given more than once.");
            }
        }
        int limit = DEFAULT_LIMIT;
        if (query.contains("limit")) {
            String text = query.get("limit");
            if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
                throw HttpProblem.malformed("limit must be an integer from 1 to " + MAX_LIMIT + ".");
            }
            limit = Integer.parseInt(text);
        }
        Long afterId = query.contains("cursor") ? decode(listing, query.get("cursor")) : null;
        return new PageQuery(limit, afterId);
    }

    /**
     * A single-valued optional query parameter (already checked by {@link #read} for repetition).
     *
     * @param request the request
     * @param name    the parameter
     * @return its value, or {@code null}
     */
    public static String optional(ServerRequest request, String name) {
        List<String> values = request.query().all(name, List::of);
        return values.isEmpty() ? null : values.getFirst();
    }

    /**
     * The cursor that continues a listing after a given id.
     *
     * @param listing the listing's name
     * @param lastId  the id of the last item on the page
     * @return the opaque cursor
     */
    public static String cursor(String listing, long lastId) {
        return ENCODER.encodeToString((listing + ":" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static Long decode(String listing, String cursor) {
        try {
            String text = new String(DECODER.decode(cursor), StandardCharsets.UTF_8);
            String prefix = listing + ":";
            if (text.startsWith(prefix)) {
                return PathIds.parse(text.substring(prefix.length()), "cursor");
            }
        } catch (IllegalArgumentException | HttpProblem e) {
            // reported below
        }
        throw HttpProblem.malformed("cursor is not valid; use a nextCursor value from this listing.");
    }
}
