package dev.cleave.order.adapter.http;

import java.util.Currency;
import java.util.Optional;
import java.util.Set;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.platform.web.HttpProblem;
import dev.cleave.platform.web.JsonFields;
import dev.cleave.platform.web.ProblemType;

/**
 * Version 1, deprecated: prices are integer cents of one currency, the deployment's v1 currency, which the wire
 * never names. So v1 places orders in that currency only, and never shows an order in another: listings leave it
 * out, and reading or cancelling one answers {@code 409} naming the v2 path that shows it.
 *
 * @param currency the v1 currency, one with two minor digits (cents)
 */
public record OrdersV1(Currency currency) implements OrderWire {
    /** Where v1 is mounted. */
    public static final String PATH = "/v1/orders";

    private static final Set<String> READ_ONLY = Set.of("id", "totalCents", "status", "cancellationReason",
                                                        "createdAt", "updatedAt", "version");
    // v1 has no currency field: its lines are all in the v1 currency, so that rule never names one.
    private static final NewOrder.PriceFields PRICE = new NewOrder.PriceFields("unitPriceCents", "unitPriceCents");

    /**
     * Checks that the currency has cents.
     *
     * @throws IllegalArgumentException if its minor unit is not a hundredth
     */
    public OrdersV1 {
        if (currency.getDefaultFractionDigits() != 2) {
            throw new IllegalArgumentException("the v1 currency must have two minor digits (v1 speaks cents), not "
                                               + currency + " with " + currency.getDefaultFractionDigits());
        }
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public NewOrder read(JsonFields body) {
        return NewOrderJson.read(body, READ_ONLY, "unitPriceCents", item -> {
            Long cents = item.integer("unitPriceCents");
            return cents == null ? null : new NewOrderJson.Price(currency, cents);
        }, PRICE);
    }

    @Override
    public Object show(Order order) {
        if (!order.currency().equals(currency)) {
            throw HttpProblem.of(ProblemType.NEWER_VERSION_REQUIRED,
                                 "Order " + order.id() + " is in " + order.currency() + "; v1 shows amounts only in "
                                 + currency + "; read it at " + OrdersV2.PATH + "/" + order.id() + ".");
        }
        return OrderResource.of(order);
    }

    @Override
    public Optional<Currency> onlyCurrency() {
        return Optional.of(currency);
    }
}
