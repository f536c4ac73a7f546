package dev.cleave.order.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import dev.cleave.order.api.CancellationReason;
import dev.cleave.platform.api.Slice;

/**
 * Where orders are kept.
 */
public interface OrderRepository {

    /**
     * Stores a new order, placed, at version 1.
     *
     * @param order    the checked order
     * @param owner    the customer who owns it, or {@code null}
     * @param placedBy who places it
     * @param now      the time it is placed
     * @return the stored order
     */
    Order insert(NewOrder order, String owner, String placedBy, Instant now);

    /**
     * Finds an order.
     *
     * @param id the id
     * @return the order, or empty
     */
    Optional<Order> find(long id);

    /**
     * Cancels an order if it is placed and, when given, at the expected version.
     *
     * @param id              the id
     * @param expectedVersion the version the client saw, or {@code null}
     * @param reason          why
     * @param now             the time of cancellation
     * @return the cancelled order, or empty if it is missing, already cancelled or at another version
     */
    Optional<Order> cancel(long id, Long expectedVersion, CancellationReason reason, Instant now);

    /**
     * Whether the user context reported a user deleted.
     *
     * @param userId the user
     * @return whether the user was marked deleted
     */
    boolean isUserDeleted(long userId);

    /**
     * Marks a user deleted, for good; marking one twice changes nothing.
     *
     * @param userId the deleted user
     * @param now    the time it is recorded
     */
    void markUserDeleted(long userId, Instant now);

    /**
     * The users marked deleted who still have placed orders: orders whose placement overlapped the deletion and
     * committed after the user's placed orders were cancelled.
     *
     * @return the users' ids, ascending
     */
    List<Long> deletedUsersWithPlacedOrders();

    /**
     * Cancels every placed order of a user.
     *
     * @param userId the user
     * @param reason why
     * @param now    the time of cancellation
     * @return the orders cancelled now (not those cancelled before)
     */
    List<Order> cancelPlacedOrdersOf(long userId, CancellationReason reason, Instant now);

    /**
     * Lists orders newest first.
     *
     * @param userId   only this user's orders, or {@code null} for all
     * @param owner    only orders this customer owns, or {@code null} for everyone's
     * @param currency only orders in this currency, or {@code null} for orders in any
     * @param beforeId list only ids smaller than this, or {@code null} from the newest
     * @param limit    the page size
     * @return the page
     */
    Slice<Order> list(Long userId, String owner, Currency currency, Long beforeId, int limit);
}
