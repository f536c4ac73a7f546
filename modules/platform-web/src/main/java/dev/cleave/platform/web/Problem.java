package dev.cleave.platform.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cleave.platform.api.Violation;

/**
 * An RFC 9457 problem details body.
 *
 * @param type   a URI naming the kind of problem, e.g. {@code urn:cleave:problem:invalid-input}
 * @param title  a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong with this request, for a human
 * @param errors the broken input rules, for validation problems only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Violation> errors) {
}
