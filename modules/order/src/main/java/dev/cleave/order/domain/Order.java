package dev.cleave.order.domain;

import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import dev.cleave.order.api.CancellationReason;
import dev.cleave.order.api.OrderStatus;
import dev.cleave.order.api.OrderSummary;

/**
 * A placed order.
 *
 * @param id         the order's id
 * @param userId     the user it is for
 * @param owner      the subject of the customer who owned the order's user when it was placed, or {@code null}
 *                   if no customer did (then only admins see it)
 * @param placedBy   the subject that placed it, or {@code null} for orders from before subjects were recorded
 * @param currency   the currency of its prices
 * @param lines      its lines, in the order the client sent them, priced in minor units of the currency
 * @param total      the exact sum of the lines, in minor units
 * @param status     placed or cancelled
 * @param cancellationReason why it was cancelled, or {@code null} while it is placed
 * @param createdAt  when it was placed
 * @param updatedAt  when it last changed
 * @param version    increases with every change
 */
public record Order(long id,
                    long userId,
                    String owner,
                    String placedBy,
                    Currency currency,
                    List<OrderLine> lines,
                    long total,
                    OrderStatus status,
                    CancellationReason cancellationReason,
                    Instant createdAt,
                    Instant updatedAt,
                    long version) {

    /**
     * Copies the lines.
     */
    public Order {
        lines = List.copyOf(lines);
    }

    /**
     * The owner, if a customer owns this order.
     *
     * @return the owner's subject
     */
    public Optional<String> ownedBy() {
        return Optional.ofNullable(owner);
    }

    /**
     * What other contexts may see of this order.
     *
     * @return the summary
     */
    public OrderSummary summary() {
        return new OrderSummary(id, userId, total, currency, status);
    }
}
