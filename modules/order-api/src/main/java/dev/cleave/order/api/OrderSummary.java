package dev.cleave.order.api;

import java.util.Currency;

/**
 * What other contexts may know about an order.
 *
 * @param id       the order's id
 * @param userId   the id of the user who placed it
 * @param total    the exact sum of its lines, in minor units of its currency (cents of EUR, yen of JPY)
 * @param currency the currency of its prices
 * @param status   its status
 */
public record OrderSummary(long id, long userId, long total, Currency currency, OrderStatus status) {
}
