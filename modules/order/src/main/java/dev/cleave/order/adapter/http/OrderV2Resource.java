package dev.cleave.order.adapter.http;

import java.util.List;

import dev.cleave.order.domain.Order;
import dev.cleave.order.domain.OrderLine;

/**
 * An order as the v2 API shows it: money with its currency.
 *
 * @param id                 the id
 * @param userId             the user who placed it
 * @param items              its lines
 * @param total              the exact sum of the lines
 * @param status             {@code PLACED} or {@code CANCELLED}
 * @param cancellationReason {@code CUSTOMER_REQUEST} or {@code USER_DELETED} once cancelled, else {@code null}
 * @param createdAt          RFC 3339 UTC
 * @param updatedAt          RFC 3339 UTC
 * @param version            the version; also the ETag
 */
public record OrderV2Resource(long id,
                              long userId,
                              List<Item> items,
                              MoneyJson total,
                              String status,
                              String cancellationReason,
                              String createdAt,
                              String updatedAt,
                              long version) {

    static OrderV2Resource of(Order order) {
        return new OrderV2Resource(order.id(), order.userId(),
                                   order.lines().stream().map(line -> Item.of(line, order)).toList(),
                                   MoneyJson.of(order.total(), order.currency()), order.status().name(),
                                   order.cancellationReason() == null ? null : order.cancellationReason().name(),
                                   order.createdAt().toString(), order.updatedAt().toString(), order.version());
    }

    /**
     * One line of an order.
     *
     * @param sku       the SKU
     * @param quantity  the quantity
     * @param unitPrice the price of one
     */
    public record Item(String sku, int quantity, MoneyJson unitPrice) {
        static Item of(OrderLine line, Order order) {
            return new Item(line.sku(), line.quantity(), MoneyJson.of(line.unitPrice(), order.currency()));
        }
    }
}
