package dev.cleave.order.adapter.http;

import java.util.Set;

import dev.cleave.order.domain.Order;
import dev.cleave.order.domain.OrderService;
import dev.cleave.platform.api.Caller;
import dev.cleave.platform.web.Allow;
import dev.cleave.platform.web.Callers;
import dev.cleave.platform.web.ETags;
import dev.cleave.platform.web.Idempotency;
import dev.cleave.platform.web.Page;
import dev.cleave.platform.web.PageQuery;
import dev.cleave.platform.web.PathIds;
import dev.cleave.platform.web.Reply;
import dev.cleave.platform.web.Responses;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * One major version of the order API ({@code /v1/orders}, {@code /v2/orders}): place, read, cancel and list
 * orders. The routes, their rules and the domain they call are the same in every version; how an order is read
 * and shown is the version's {@link OrderWire}.
 */
public final class OrderHttpService implements HttpService {
    private static final String LISTING = "orders";
    private static final Set<String> LIST_PARAMETERS = Set.of("userId", "limit", "cursor");

    private final OrderService orders;
    private final Idempotency idempotency;
    private final OrderWire wire;

    /**
     * Creates the service.
     *
     * @param orders      the use cases
     * @param idempotency runs an order with an {@code Idempotency-Key} at most once
     * @param wire        the version's format
     */
    public OrderHttpService(OrderService orders, Idempotency idempotency, OrderWire wire) {
        this.orders = orders;
        this.idempotency = idempotency;
        this.wire = wire;
    }

    /**
     * Where the service is mounted.
     *
     * @return its version's path
     */
    public String path() {
        return wire.path();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::place)
                .get("/", this::list)
                .any("/", Allow.only(Method.GET, Method.POST))
                .get("/{id}", this::get)
                .any("/{id}", Allow.only(Method.GET))
                .post("/{id}/cancel", this::cancel)
                .any("/{id}/cancel", Allow.only(Method.POST));
    }

    private void place(ServerRequest request, ServerResponse response) {
        // The user is looked up before the key's transaction opens: a frozen user service holds no connection.
        Caller caller = Callers.of(request);
        idempotency.handle(request, response, body -> orders.verify(caller, wire.read(body)), verified -> {
            Order order = orders.place(caller, verified);
            return Reply.created(wire.path() + "/" + order.id(), ETags.of(order.version()), wire.show(order));
        });
    }

    private void get(ServerRequest request, ServerResponse response) {
        send(response, Status.OK_200, orders.get(Callers.of(request), PathIds.id(request, "id")));
    }

    private void cancel(ServerRequest request, ServerResponse response) {
        long id = PathIds.id(request, "id");
        Caller caller = Callers.of(request);
        // A version that cannot show the order must not change it either: refuse before cancelling.
        wire.onlyCurrency().ifPresent(only -> wire.show(orders.get(caller, id)));
        send(response, Status.OK_200,
             orders.cancel(caller, id, ETags.expectedVersion(request, () -> orders.get(caller, id).version())));
    }

    private void list(ServerRequest request, ServerResponse response) {
        PageQuery page = PageQuery.read(request, LISTING, LIST_PARAMETERS);
        String userId = PageQuery.optional(request, "userId");
        Long user = userId == null ? null : PathIds.parse(userId, "userId");
        Responses.json(response, Status.OK_200,
                       Page.of(orders.list(Callers.of(request), user, wire.onlyCurrency().orElse(null), page.afterId(),
                                           page.limit()), LISTING, Order::id, wire::show));
    }

    private void send(ServerResponse response, Status status, Order order) {
        Object shown = wire.show(order);
        response.header(HeaderNames.ETAG, ETags.of(order.version()));
        Responses.json(response, status, shown);
    }
}
