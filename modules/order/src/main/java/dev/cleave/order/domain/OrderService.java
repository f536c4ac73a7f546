package dev.cleave.order.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.cleave.order.api.CancellationReason;
import dev.cleave.order.api.OrderCancelled;
import dev.cleave.order.api.OrderLookup;
import dev.cleave.order.api.OrderPlaced;
import dev.cleave.order.api.OrderStatus;
import dev.cleave.order.api.OrderSummary;
import dev.cleave.platform.api.Caller;
import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.EventPublisher;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import dev.cleave.platform.api.Slice;
import dev.cleave.platform.api.Transactions;
import dev.cleave.platform.api.UnprocessableException;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.UserSummary;

/**
 * The order context's use cases. Also the in-process implementation of {@link OrderLookup}. Every change publishes
 * its event in the change's own transaction: {@link OrderPlaced}, {@link OrderCancelled}, each naming the caller
 * that acted.
 *
 * <p>Who may do what is decided here, not in an adapter: an admin may place, read, list and cancel any order; any
 * other caller is a customer, who may place orders only for the user it owns, and read, list and cancel only the
 * orders it owns. Someone else's order, or user, is answered exactly like one that does not exist.
 */
public final class OrderService implements OrderLookup {
    /** The actor of cancellations the periodic sweep makes: no one asked for them but the system. */
    static final String SWEEP_ACTOR = "system:deletion-sweep";

    private final OrderRepository orders;
    private final UserDirectory users;
    private final Transactions transactions;
    private final EventPublisher events;
    private final Clock clock;

    /**
     * Creates the service.
     *
     * @param orders       where orders are kept
     * @param users        the user context's directory, in-process or remote
     * @param transactions the unit of work of each use case
     * @param events       where events go, with the change that caused them
     * @param clock        the time source
     */
    public OrderService(OrderRepository orders,
                        UserDirectory users,
                        Transactions transactions,
                        EventPublisher events,
                        Clock clock) {
        this.orders = orders;
        this.users = users;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Asks the user directory whether the order's user is a current user the caller may order for: the first step
     * of placing an order, taken outside any transaction because the directory may be a remote service.
     *
     * @param caller who places the order
     * @param order  the checked order
     * @return the order, ready to be placed
     * @throws UnprocessableException if no current user has the order's user id, or it is not the caller's
     * @throws dev.cleave.platform.api.UnavailableException if the user directory cannot answer
     */
    public VerifiedOrder verify(Caller caller, NewOrder order) {
        UserSummary user = users.find(order.userId()).filter(found -> caller.owns(found.ownedBy()))
                .orElseThrow(() -> noCurrentUser(order.userId()));
        return new VerifiedOrder(order, user.owner());
    }

    /**
     * Places an order whose user was found, with its event, in one transaction (or in the one already open on this
     * thread, such as an idempotency key's).
     *
     * @param caller   who places it
     * @param verified the order, its user found by {@link #verify}
     * @return the placed order
     * @throws UnprocessableException if the user has been deleted since the directory answered
     */
    public Order place(Caller caller, VerifiedOrder verified) {
        NewOrder order = verified.order();
        return transactions.inTransaction(() -> {
            // The directory may have answered just before the user was deleted.
            if (orders.isUserDeleted(order.userId())) {
                throw noCurrentUser(order.userId());
            }
            Order placed = orders.insert(order, verified.owner(), caller.subject(), now());
            events.publish(new OrderPlaced(UUID.randomUUID(), placed.createdAt(), placed.id(), placed.version(),
                                           placed.userId(), placed.total(), caller.subject(),
                                           placed.currency().getCurrencyCode()));
            return placed;
        });
    }

    /**
     * Reads an order.
     *
     * @param caller who asks
     * @param id     the id
     * @return the order
     * @throws NotFoundException if there is none, or it is not the caller's
     */
    public Order get(Caller caller, long id) {
        return orders.find(id).filter(order -> caller.owns(order.ownedBy())).orElseThrow(() -> notFound(id));
    }

    /**
     * Cancels a placed order.
     *
     * @param caller          who cancels it
     * @param id              the id
     * @param expectedVersion the version the client saw, if it said so
     * @return the cancelled order
     * @throws NotFoundException           if there is no such order, or it is not the caller's
     * @throws ConflictException           if it is already cancelled
     * @throws PreconditionFailedException if an expected version was given and the order is not at it
     */
    public Order cancel(Caller caller, long id, Optional<Long> expectedVersion) {
        // An admin may cancel any order, so its cancellation stays one conditional update. A customer's needs the
        // ownership read first; who owns an order never changes, so that read cannot race the update.
        if (!caller.isAdmin()) {
            get(caller, id);
        }
        Optional<Order> cancelled = transactions.inTransaction(() -> {
            Optional<Order> order = orders.cancel(id, expectedVersion.orElse(null),
                                                  CancellationReason.CUSTOMER_REQUEST, now());
            order.ifPresent(done -> publishCancelled(done, caller.subject()));
            return order;
        });
        if (cancelled.isPresent()) {
            return cancelled.get();
        }
        Order current = get(caller, id);
        if (current.status() == OrderStatus.CANCELLED) {
            throw new ConflictException("Order " + id + " is already cancelled.");
        }
        if (expectedVersion.isEmpty()) {
            // Only a client that sent If-Match can fail a precondition; without one the update misses only an order
            // that is no longer placed, so this is a change that slipped in between, not a version the client named.
            throw new ConflictException("Order " + id + " changed while it was being cancelled; read it again.");
        }
        throw new PreconditionFailedException("Order " + id + " is at version " + current.version()
                                              + ", not the version in If-Match; read it again.");
    }

    /**
     * Cancels every placed order of a user who was deleted; orders cancelled before keep their reason, and orders
     * placed for the user from now on are refused.
     *
     * @param userId the deleted user
     * @param actor  who deleted the user, as its event says ({@code null} if it does not)
     * @return how many orders were cancelled
     */
    public int cancelPlacedOrdersOfDeletedUser(long userId, String actor) {
        return transactions.inTransaction(() -> {
            // Orders placed for the user from now on are refused.
            orders.markUserDeleted(userId, now());
            List<Order> cancelled = orders.cancelPlacedOrdersOf(userId, CancellationReason.USER_DELETED, now());
            cancelled.forEach(order -> publishCancelled(order, actor));
            return cancelled.size();
        });
    }

    /**
     * Cancels the orders that slipped past a deletion: placed while the user's deletion was being applied, they
     * committed after it had cancelled the user's placed orders. Run now and then; usually there are none.
     *
     * @return how many orders were cancelled
     */
    public int cancelOrdersThatSlippedPastDeletions() {
        int cancelled = 0;
        for (long userId : orders.deletedUsersWithPlacedOrders()) {
            cancelled += cancelPlacedOrdersOfDeletedUser(userId, SWEEP_ACTOR);
        }
        return cancelled;
    }

    private static UnprocessableException noCurrentUser(long userId) {
        return new UnprocessableException("No user with id " + userId + "; orders need a current user.");
    }

    private void publishCancelled(Order order, String actor) {
        events.publish(new OrderCancelled(UUID.randomUUID(), order.updatedAt(), order.id(), order.version(),
                                          order.userId(), order.cancellationReason(), actor));
    }

    /**
     * Lists orders newest first, optionally of one user or in one currency: every order for an admin, a customer's
     * own for a customer.
     *
     * @param caller   who asks
     * @param userId   the user, or {@code null} for all orders
     * @param currency only orders in this currency, or {@code null} for orders in any
     * @param beforeId the last id already seen, or {@code null}
     * @param limit    the page size
     * @return the page
     */
    public Slice<Order> list(Caller caller, Long userId, Currency currency, Long beforeId, int limit) {
        return orders.list(userId, caller.isAdmin() ? null : caller.subject(), currency, beforeId, limit);
    }

    @Override
    public Optional<OrderSummary> find(long id) {
        return orders.find(id).map(Order::summary);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No order with id " + id + ".");
    }
}
