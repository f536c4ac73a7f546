package dev.cleave.platform.auth;

import java.util.List;

import dev.cleave.platform.web.Callers;
import dev.cleave.platform.web.Problem;
import dev.cleave.platform.web.ProblemType;
import dev.cleave.platform.web.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The assembly's door: every request but a health probe, a metrics scrape, the topology or the API's description
 * ({@code /observe/health}, {@code /observe/metrics}, {@code /observe/topology}, {@code /openapi}, {@code /docs})
 * needs exactly one {@code Authorization: Bearer} header with a token the {@link TokenVerifier} accepts (RFC 6750).
 * The verified {@link dev.cleave.platform.api.Caller} is left in the request's context for the routes
 * ({@link Callers#of}). Refusals are problems with the
 * {@code WWW-Authenticate} challenge RFC 6750 asks for, and echo nothing of the token: no token (or another scheme,
 * or one only in the query string, which is never read) is 401 without an error; a token that fails any check is 401
 * {@code invalid_token}; two {@code Authorization} headers are 400 {@code invalid_request}; no issuer key known yet
 * is 503 with {@code Retry-After}.
 */
final class BearerAuthentication implements Filter {
    private static final System.Logger LOGGER = System.getLogger(BearerAuthentication.class.getName());
    // The health probes, and the API's description and reference page: a client reads them before it has a token.
    private static final List<String> PUBLIC_PREFIXES = List.of("/observe/health", "/observe/metrics",
                                                                "/observe/topology", "/openapi", "/docs");
    private static final String SCHEME = "bearer ";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final TokenVerifier verifier;

    BearerAuthentication(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (PUBLIC_PREFIXES.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
            chain.proceed();
            return;
        }
        List<String> authorizations = request.headers().all(HeaderNames.AUTHORIZATION, List::of);
        if (authorizations.size() > 1) {
            refuse(request, response, "Bearer error=\"invalid_request\"",
                   ProblemType.MALFORMED_REQUEST.with("Send one Authorization header, not "
                                                      + authorizations.size() + "."));
            return;
        }
        String authorization = authorizations.isEmpty() ? "" : authorizations.getFirst();
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            refuse(request, response, "Bearer",
                   ProblemType.UNAUTHORIZED.with("This request needs a bearer token: Authorization: Bearer <token>."));
            return;
        }
        try {
            Callers.record(request, verifier.verify(authorization.substring(SCHEME.length()).trim()));
        } catch (InvalidTokenException e) {
            LOGGER.log(System.Logger.Level.DEBUG, "refused a token: " + e.getMessage());
            refuse(request, response, "Bearer error=\"invalid_token\"",
                   ProblemType.UNAUTHORIZED.with("The bearer token is not valid here: it is malformed, expired, "
                                                 + "not yet valid, or not issued for this service."));
            return;
        } catch (KeysUnavailableException e) {
            LOGGER.log(System.Logger.Level.WARNING, "answering 503: no signing key of the issuer is known yet ("
                                                    + e.getMessage() + ")");
            response.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            Responses.problem(request, response, ProblemType.UNAVAILABLE.with(
                    "Tokens cannot be checked right now: the issuer's keys are not known yet."));
            return;
        }
        chain.proceed();
    }

    private static void refuse(RoutingRequest request, RoutingResponse response, String challenge,
                               Problem problem) {
        response.header(HeaderNames.WWW_AUTHENTICATE, challenge);
        Responses.problem(request, response, problem);
    }
}
