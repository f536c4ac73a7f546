package dev.cleave.order.adapter.http;

import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.platform.web.JsonFields;

/**
 * Reads a new order's body the way every version does (a user id and 1 to 50 items of SKU, quantity and a price);
 * only how a price is written, and so its field names, differs between versions.
 */
final class NewOrderJson {
    private static final Set<String> WRITABLE = Set.of("userId", "items");

    private NewOrderJson() {
    }

    /**
     * Reads the body, reporting every JSON problem and every broken rule with its field path.
     *
     * @param body          the body
     * @param readOnly      the order's properties only the server sets, refused as read-only
     * @param priceProperty the item property that holds the price
     * @param price         reads an item's price, reporting its own problems; {@code null} if there were any
     * @param fields        the price's field names for the domain's rules
     * @return the checked order
     */
    static NewOrder read(JsonFields body, Set<String> readOnly, String priceProperty,
                         Function<JsonFields, Price> price, NewOrder.PriceFields fields) {
        body.allowOnly(WRITABLE, readOnly);
        Long userId = body.integer("userId");
        List<NewOrder.LineInput> lines = body.objects("items", NewOrder.MAX_LINES, item -> {
            item.allowOnly(Set.of("sku", "quantity", priceProperty), Set.of());
            String sku = item.string("sku");
            Long quantity = item.integer("quantity");
            Price unitPrice = price.apply(item);
            return sku == null || quantity == null || unitPrice == null
                    ? null
                    : new NewOrder.LineInput(sku, quantity, unitPrice.currency(), unitPrice.minorUnits());
        });
        body.done();
        return NewOrder.of(userId, lines, fields);
    }

    /**
     * A price read from a request.
     *
     * @param currency   its currency
     * @param minorUnits its amount in minor units
     */
    record Price(Currency currency, long minorUnits) {
    }
}
