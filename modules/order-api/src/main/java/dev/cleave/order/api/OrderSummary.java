package dev.cleave.order.api;

/**
 * What other contexts may know about an order.
 *
 * @param id         the order's id
 * @param userId     the id of the user who placed it
 * @param totalCents the exact sum of its lines, in cents
 * @param status     its status
 */
public record OrderSummary(long id, long userId, long totalCents, OrderStatus status) {
}
