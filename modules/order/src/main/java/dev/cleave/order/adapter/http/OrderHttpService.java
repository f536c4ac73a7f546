package dev.cleave.order.adapter.http;

import java.util.List;
import java.util.Set;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.order.domain.OrderService;
import dev.cleave.platform.api.Caller;
import dev.cleave.platform.web.Allow;
import dev.cleave.platform.web.Callers;
import dev.cleave.platform.web.ETags;
import dev.cleave.platform.web.Idempotency;
import dev.cleave.platform.web.JsonFields;
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
 * {@code /v1/orders}: place, read, cancel and list orders.
 */
public final class OrderHttpService implements HttpService {
    /** Where the service is mounted. */
    public static final String PATH = "/v1/orders";

    private static final String LISTING = "orders";
    private static final Set<String> WRITABLE = Set.of("userId", "items");
    private static final Set<String> READ_ONLY = Set.of("id", "totalCents", "status", "cancellationReason",
                                                        "createdAt", "updatedAt", "version");
    private static final Set<String> ITEM_FIELDS = Set.of("sku", "quantity", "unitPriceCents");
    private static final Set<String> LIST_PARAMETERS = Set.of("userId", "limit", "cursor");

    private final OrderService orders;
    private final Idempotency idempotency;

    /**
     * Creates the service.
     *
     * @param orders      the use cases
     * @param idempotency runs an order with an {@code Idempotency-Key} at most once
     */
    public OrderHttpService(OrderService orders, Idempotency idempotency) {
        this.orders = orders;
        this.idempotency = idempotency;
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
        idempotency.handle(request, response, body -> orders.verify(caller, newOrder(body)), verified -> {
            Order order = orders.place(caller, verified);
            return Reply.created(PATH + "/" + order.id(), ETags.of(order.version()), OrderResource.of(order));
        });
    }

    private void get(ServerRequest request, ServerResponse response) {
        send(response, Status.OK_200, orders.get(Callers.of(request), PathIds.id(request, "id")));
    }

    private void cancel(ServerRequest request, ServerResponse response) {
        long id = PathIds.id(request, "id");
        Caller caller = Callers.of(request);
        send(response, Status.OK_200,
             orders.cancel(caller, id, ETags.expectedVersion(request, () -> orders.get(caller, id).version())));
    }

    private void list(ServerRequest request, ServerResponse response) {
        PageQuery page = PageQuery.read(request, LISTING, LIST_PARAMETERS);
        String userId = PageQuery.optional(request, "userId");
        Long user = userId == null ? null : PathIds.parse(userId, "userId");
        Responses.json(response, Status.OK_200,
                       Page.of(orders.list(Callers.of(request), user, page.afterId(), page.limit()), LISTING, Order::id,
                               OrderResource::of));
    }

    private static NewOrder newOrder(JsonFields body) {
        body.allowOnly(WRITABLE, READ_ONLY);
        Long userId = body.integer("userId");
        List<NewOrder.LineInput> lines = body.objects("items", NewOrder.MAX_LINES, item -> {
            item.allowOnly(ITEM_FIELDS, Set.of());
            String sku = item.string("sku");
            Long quantity = item.integer("quantity");
            Long unitPrice = item.integer("unitPriceCents");
            return sku == null || quantity == null || unitPrice == null
                    ? null
                    : new NewOrder.LineInput(sku, quantity, unitPrice);
        });
        body.done();
        return NewOrder.of(userId, lines);
    }

    private static void send(ServerResponse response, Status status, Order order) {
        response.header(HeaderNames.ETAG, ETags.of(order.version()));
        Responses.json(response, status, OrderResource.of(order));
    }
}
