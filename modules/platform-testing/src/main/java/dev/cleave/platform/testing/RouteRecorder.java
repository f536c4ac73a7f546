package dev.cleave.platform.testing;

import java.util.Set;
import java.util.TreeSet;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/**
 * Rules that write down the routes a service registers instead of serving them: {@code METHOD /path/{template}}
 * for each route by method and path. Routes for any method (the 405 fallbacks) are left out; a route given only as
 * an {@link HttpRoute} cannot be read and is refused, so nothing a service registers goes unseen.
 */
final class RouteRecorder implements HttpRules {
    private final String prefix;
    private final Set<String> routes;

    private RouteRecorder(String prefix, Set<String> routes) {
        this.prefix = prefix;
        this.routes = routes;
    }

    /**
     * The routes of a service mounted at a path.
     *
     * @param path    where the service is registered, e.g. {@code /v1/users}
     * @param service the service
     * @return its routes
     */
    static Set<String> routes(String path, HttpService service) {
        Set<String> routes = new TreeSet<>();
        service.routing(new RouteRecorder(path, routes));
        return routes;
    }

    @Override
    public HttpRules register(HttpService... services) {
        return register("/", services);
    }

    @Override
    public HttpRules register(String pathPattern, HttpService... services) {
        for (HttpService service : services) {
            service.routing(new RouteRecorder(join(pathPattern), routes));
        }
        return this;
    }

    @Override
    public HttpRules route(HttpRoute route) {
        // Helidon's HttpRoute keeps its method and path behind predicates: a document check cannot see it, so a
        // service that registers one fails the check instead of passing with a route unaccounted for.
        throw new IllegalArgumentException("register routes by method and path (get, post, ...), not as an "
                                           + "HttpRoute: this one's method and path cannot be read to check them "
                                           + "against the document");
    }

    @Override
    public HttpRules route(Method method, String pathPattern, Handler handler) {
        routes.add(method.text() + " " + join(pathPattern));
        return this;
    }

    @Override
    public HttpRules get(String pathPattern, Handler... handlers) {
        return route(Method.GET, pathPattern, handlers[0]);
    }

    @Override
    public HttpRules post(String pathPattern, Handler... handlers) {
        return route(Method.POST, pathPattern, handlers[0]);
    }

    @Override
    public HttpRules put(String pathPattern, Handler... handlers) {
        return route(Method.PUT, pathPattern, handlers[0]);
    }

    @Override
    public HttpRules delete(String pathPattern, Handler... handlers) {
        return route(Method.DELETE, pathPattern, handlers[0]);
    }

    @Override
    public HttpRules patch(String pathPattern, Handler... handlers) {
        return route(Method.PATCH, pathPattern, handlers[0]);
    }

    @Override
    public HttpRules any(String pathPattern, Handler... handlers) {
        return this;
    }

    // "/v1/users" + "/" is "/v1/users"; "/v1/users" + "/{id}" is "/v1/users/{id}".
    private String join(String pathPattern) {
        String joined = pathPattern.equals("/") ? prefix : prefix + pathPattern;
        return joined.isEmpty() ? "/" : joined;
    }
}
