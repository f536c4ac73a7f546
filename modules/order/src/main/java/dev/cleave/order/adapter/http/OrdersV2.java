package dev.cleave.order.adapter.http;

import java.util.Currency;
import java.util.Optional;
import java.util.Set;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.platform.web.JsonFields;

/**
 * Version 2: money as {@code {"amount": "19.99", "currency": "EUR"}} ({@link MoneyJson}), one currency per order,
 * any currency with minor units. Orders placed through v1 show here in the v1 currency.
 */
public record OrdersV2() implements OrderWire {
    /** Where v2 is mounted. */
    public static final String PATH = "/v2/orders";

    private static final Set<String> READ_ONLY = Set.of("id", "total", "status", "cancellationReason", "createdAt",
                                                        "updatedAt", "version");
    private static final NewOrder.PriceFields PRICE =
            new NewOrder.PriceFields("unitPrice.amount", "unitPrice.currency");

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public NewOrder read(JsonFields body) {
        return NewOrderJson.read(body, READ_ONLY, "unitPrice", item -> item.object("unitPrice", MoneyJson::read),
                                 PRICE);
    }

    @Override
    public Object show(Order order) {
        return OrderV2Resource.of(order);
    }

    @Override
    public Optional<Currency> onlyCurrency() {
        return Optional.empty();
    }
}
