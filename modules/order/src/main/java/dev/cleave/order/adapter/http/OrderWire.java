package dev.cleave.order.adapter.http;

import java.util.Currency;
import java.util.Optional;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.platform.web.JsonFields;

/**
 * How one major version of the order API reads and writes orders: the only part of the HTTP adapter that differs
 * between versions. Both versions serve the same domain through the same {@link OrderHttpService}.
 */
public sealed interface OrderWire permits OrdersV1, OrdersV2 {

    /**
     * Where the version is mounted.
     *
     * @return the path, e.g. {@code /v2/orders}
     */
    String path();

    /**
     * Reads a new order from a request body, reporting every problem with its field path.
     *
     * @param body the body
     * @return the checked order
     * @throws dev.cleave.platform.api.InvalidInputException listing every problem
     */
    NewOrder read(JsonFields body);

    /**
     * The order as this version shows it.
     *
     * @param order the order
     * @return the JSON body
     * @throws dev.cleave.platform.web.HttpProblem if this version cannot show it (a currency it does not carry)
     */
    Object show(Order order);

    /**
     * The one currency this version can show, if it is limited to one.
     *
     * @return the currency, or empty if it shows any
     */
    Optional<Currency> onlyCurrency();
}
