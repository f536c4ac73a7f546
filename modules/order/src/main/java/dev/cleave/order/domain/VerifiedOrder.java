package dev.cleave.order.domain;

/**
 * A new order whose user the user directory found a moment ago. Only {@link OrderService#verify} makes one, so the
 * only way to place an order is to ask the directory first, and, since asking is its own step, before the
 * transaction that stores the order (and, with an {@code Idempotency-Key}, its reply) opens: a slow or frozen user
 * service then holds no pooled connection.
 */
public final class VerifiedOrder {
    private final NewOrder order;
    private final String owner;

    VerifiedOrder(NewOrder order, String owner) {
        this.order = order;
        this.owner = owner;
    }

    /**
     * Who owns the order's user, as the directory answered: the order's owner.
     *
     * @return the owner's subject, or {@code null} if no customer owns the user
     */
    public String owner() {
        return owner;
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
