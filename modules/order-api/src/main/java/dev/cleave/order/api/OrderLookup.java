package dev.cleave.order.api;

import java.util.Optional;

/**
 * Looks up orders by id.
 */
public interface OrderLookup {

    /**
     * Finds an order, placed or cancelled.
     *
     * @param id the order's id
     * @return the order, or empty if there is none with this id
     */
    Optional<OrderSummary> find(long id);
}
