package dev.cleave.order.adapter.http;

import java.util.List;

import dev.cleave.order.domain.Order;
import dev.cleave.order.domain.OrderLine;

/**
 * An order as the v1 API shows it.
 *
 * @param id         the id
 * @param userId     the user who placed it
 * @param items      its lines
 * @param totalCents the exact sum of the lines
 * @param status     {@code PLACED} or {@code CANCELLED}
 * @param cancellationReason {@code CUSTOMER_REQUEST} or {@code USER_DELETED} once cancelled, else {@code null}
 * @param createdAt  RFC 3339 UTC
 * @param updatedAt  RFC 3339 UTC
 * @param version    the version; also the ETag
 */
public record OrderResource(long id,
                            long userId,
                            List<Item> items,
                            long totalCents,
                            String status,
                            String cancellationReason,
                            String createdAt,
                            String updatedAt,
                            long version) {

    static OrderResource of(Order order) {
        return new OrderResource(order.id(), order.userId(), order.lines().stream().map(Item::of).toList(),
                                 order.total(), order.status().name(),
                                 order.cancellationReason() == null ? null : order.cancellationReason().name(),
                                 order.createdAt().toString(),
                                 order.updatedAt().toString(), order.version());
    }

    /**
     * One line of an order.
     *
     * @param sku            the SKU
     * @param quantity       the quantity
     * @param unitPriceCents the unit price in cents
     */
    public record Item(String sku, int quantity, long unitPriceCents) {
        static Item of(OrderLine line) {
            return new Item(line.sku(), line.quantity(), line.unitPrice());
        }
    }
}
