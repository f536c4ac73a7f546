package dev.cleave.platform.web;

import io.helidon.http.Status;

/**
 * The kinds of problem Cleave answers with; each has a stable {@code type} URI that clients may switch on.
 */
public enum ProblemType {
    /** The body is not JSON, or not the JSON expected. */
    MALFORMED_REQUEST(Status.BAD_REQUEST_400, "malformed-request", "Malformed request"),
    /** Fields break input rules; {@code errors} lists them. */
    INVALID_INPUT(Status.BAD_REQUEST_400, "invalid-input", "Invalid input"),
    /** No valid bearer token came with the request; {@code WWW-Authenticate} says why. */
    UNAUTHORIZED(Status.UNAUTHORIZED_401, "unauthorized", "Unauthorized"),
    /** The token is valid, but its roles do not allow the request. */
    FORBIDDEN(Status.FORBIDDEN_403, "forbidden", "Forbidden"),
    /** No such resource or route. */
    NOT_FOUND(Status.NOT_FOUND_404, "not-found", "Not found"),
    /** The resource exists but not with this method; {@code Allow} lists the methods. */
    METHOD_NOT_ALLOWED(Status.METHOD_NOT_ALLOWED_405, "method-not-allowed", "Method not allowed"),
    /** The request clashes with the current state. */
    CONFLICT(Status.CONFLICT_409, "conflict", "Conflict"),
    /**
     * The resource exists, but this version of the API cannot show it (an order in a currency v1 does not carry);
     * the detail names the version and path that can.
     */
    NEWER_VERSION_REQUIRED(Status.CONFLICT_409, "newer-version-required", "Newer API version required"),
    /** This version of the API was retired after its sunset; the detail names its successor. */
    GONE(Status.GONE_410, "gone", "Gone"),
    /** {@code If-Match} does not match the current version. */
    PRECONDITION_FAILED(Status.PRECONDITION_FAILED_412, "precondition-failed", "Precondition failed"),
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large", "Payload too large"),
    /** The body is not {@code application/json}. */
    UNSUPPORTED_MEDIA_TYPE(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type", "Unsupported media type"),
    /** Well-formed input naming something the server cannot act on. */
    UNPROCESSABLE(Status.UNPROCESSABLE_CONTENT_422, "unprocessable", "Unprocessable request"),
    /** The caller sent more requests than its limit allows; retry after {@code Retry-After} seconds. */
    TOO_MANY_REQUESTS(Status.TOO_MANY_REQUESTS_429, "too-many-requests", "Too many requests"),
    /** A dependency cannot answer now; retry after {@code Retry-After} seconds. */
    UNAVAILABLE(Status.SERVICE_UNAVAILABLE_503, "unavailable", "Service unavailable"),
    /** A fault on the server; details are in the server log only. */
    INTERNAL(Status.INTERNAL_SERVER_ERROR_500, "internal", "Internal server error");

    private final Status status;
    private final String type;
    private final String title;

    ProblemType(Status status, String slug, String title) {
        this.status = status;
        this.type = "urn:cleave:problem:" + slug;
        this.title = title;
    }

    /**
     * The HTTP status of this kind of problem.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * The kind of problem for a status Helidon raised itself (no route, a body over its limit, a bad request line).
     *
     * @param status the status
     * @return the matching kind: the one with that status, else a malformed request for a 4xx, else internal
     */
    public static ProblemType forStatus(Status status) {
        for (ProblemType type : values()) {
            if (type.status.code() == status.code() && type != INVALID_INPUT) {
                return type;
            }
        }
        return status.code() < 500 ? MALFORMED_REQUEST : INTERNAL;
    }

    /**
     * Builds a problem body of this kind with another status of the same class (e.g. a 4xx without its own kind).
     *
     * @param status the status to report
     * @param detail what went wrong, for a human
     * @return the body
     */
    public Problem with(Status status, String detail) {
        return new Problem(type, title, status.code(), detail, null);
    }

    /**
     * Builds the problem body for one request.
     *
     * @param detail what went wrong, for a human
     * @return the body
     */
    public Problem with(String detail) {
        return new Problem(type, title, status.code(), detail, null);
    }
}
