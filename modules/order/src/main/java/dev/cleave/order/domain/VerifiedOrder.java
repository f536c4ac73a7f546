package dev.cleave.order.domain;

/**
 * A new order whose user the user directory found a moment ago. Only {@link OrderService#verify} makes one, so the
 * only way to place an order is to ask the directory first, and, since asking is its own step, before the
 * transaction that stores the order (and, with an {@code Idempotency-Key}, its reply) opens: a slow or frozen user
 * service then holds no pooled connection.
 */
public final class VerifiedOrder {
    private final NewOrder order;

    VerifiedOrder(NewOrder order) {
        this.order = order;
    }

    /**
     * The order as checked.
     *
     * @return the order
     */
    public NewOrder order() {
        return order;
    }
}
