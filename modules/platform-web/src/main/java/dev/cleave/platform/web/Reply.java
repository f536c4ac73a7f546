package dev.cleave.platform.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * A JSON reply, built before it is sent so it can also be stored and replayed (see {@link Idempotency}).
 *
 * @param status   the status code
 * @param location the {@code Location} header, or {@code null}
 * @param etag     the {@code ETag} header, or {@code null}
 * @param body     the JSON body
 */
public record Reply(int status, String location, String etag, byte[] body) {

    /**
     * A 201 for a new resource.
     *
     * @param location where it is
     * @param etag     its ETag
     * @param body     its representation, serialized with {@link Json}
     * @return the reply
     */
    public static Reply created(String location, String etag, Object body) {
        return new Reply(Status.CREATED_201.code(), location, etag, Json.write(body));
    }

    /**
     * Sends the reply.
     *
     * @param response the response
     */
    public void send(ServerResponse response) {
        response.status(Status.create(status));
        if (location != null) {
            response.header(HeaderNames.LOCATION, location);
        }
        if (etag != null) {
            response.header(HeaderNames.ETAG, etag);
        }
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(body);
    }
}
