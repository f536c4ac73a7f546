package dev.cleave.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.cleave.platform.api.Violation;

/**
 * An RFC 9457 problem details body.
 *
 * @param type     a URI naming the kind of problem, e.g. {@code urn:cleave:problem:invalid-input}
 * @param title    a short summary of the kind of problem
 * @param status   the HTTP status code
 * @param detail   what went wrong with this request, for a human
 * @param instance this occurrence: {@code urn:cleave:request:<id>}, the id the server's log line for the request
 *                 shows, so a caller has something to quote
 * @param errors   the broken input rules, for validation problems only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public record Problem(String type, String title, int status, String detail, String instance,
                      List<Violation> errors) {

    /**
     * A problem not yet tied to a request; {@link Responses#problem} adds the request's {@code instance}.
     *
     * @param type   the kind
     * @param title  its summary
     * @param status the status code
     * @param detail what went wrong
     * @param errors the broken input rules, or {@code null}
     */
    public Problem(String type, String title, int status, String detail, List<Violation> errors) {
        this(type, title, status, detail, null, errors);
    }

    /**
     * The same problem, as one occurrence.
     *
     * @param instance the occurrence's URI, or {@code null}
     * @return the problem with it
     */
    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, errors);
    }
}
