package dev.cleave.order.api;

/**
 * Where an order is in its life.
 */
public enum OrderStatus {
    /** Placed and not cancelled. */
    PLACED,
    /** Cancelled; final. */
    CANCELLED
}
