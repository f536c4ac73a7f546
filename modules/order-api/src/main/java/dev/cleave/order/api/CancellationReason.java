package dev.cleave.order.api;

/**
 * Why an order was cancelled.
 */
public enum CancellationReason {
    /** The customer cancelled it ({@code POST /v1/orders/{id}/cancel}). */
    CUSTOMER_REQUEST,
    /** The user who placed it was deleted. */
    USER_DELETED
}
