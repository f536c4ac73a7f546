package dev.cleave.order.domain;

import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

import dev.cleave.platform.api.Violations;

/**
 * An order a client asks to place, checked: a positive user id and 1 to 50 valid lines, all priced in one currency.
 *
 * @param userId   the user placing it
 * @param currency the currency of every price in it, one with minor units
 * @param lines    the lines, priced in minor units of the currency
 */
public record NewOrder(long userId, Currency currency, List<OrderLine> lines) {
    /** The most lines an order may have. */
    public static final int MAX_LINES = 50;
    /** The highest unit price, in minor units of the order's currency (1,000,000.00 EUR). */
    public static final long MAX_UNIT_PRICE = 100_000_000L;
    static final int MAX_QUANTITY = 1000;
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Copies the lines.
     */
    public NewOrder {
        lines = List.copyOf(lines);
    }

    /**
     * Checks what a client sent.
     *
     * @param userId the user id as sent
     * @param lines  the lines as sent; numbers are still unchecked {@code long}s
     * @param fields the names the API version gives a line's price, for the violations
     * @return the checked order, in the currency of its first line
     * @throws dev.cleave.platform.api.InvalidInputException listing every rule broken
     */
    public static NewOrder of(long userId, List<LineInput> lines, PriceFields fields) {
        Violations violations = new Violations();
        if (userId < 1) {
            violations.add("userId", "must be a positive integer");
        }
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            violations.add("items", "must have 1 to " + MAX_LINES + " items");
        }
        Currency currency = lines.isEmpty() ? null : lines.getFirst().currency();
        for (int i = 0; i < lines.size(); i++) {
            LineInput line = lines.get(i);
            String at = "items[" + i + "].";
            if (!SKU.matcher(line.sku()).matches()) {
                violations.add(at + "sku", "must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                violations.add(at + "quantity", "must be from 1 to " + MAX_QUANTITY);
            }
            if (line.unitPrice() < 0 || line.unitPrice() > MAX_UNIT_PRICE) {
                violations.add(at + fields.amount(), "must be from 0 to " + MAX_UNIT_PRICE);
            }
            if (!line.currency().equals(currency)) {
                violations.add(at + fields.currency(), "must be " + currency + ", the currency of items[0]: an "
                                                       + "order has one currency");
            }
        }
        violations.throwIfAny();
        return new NewOrder(userId, currency, lines.stream()
                .map(line -> new OrderLine(line.sku(), (int) line.quantity(), line.unitPrice()))
                .toList());
    }

    /**
     * The exact sum of the lines. At most 50 × 1000 × 100,000,000 minor units, far inside {@code long}.
     *
     * @return the total in minor units of the currency
     */
    public long total() {
        return lines.stream().mapToLong(OrderLine::total).reduce(0, Math::addExact);
    }

    /**
     * One line as the client sent it, before its ranges are checked.
     *
     * @param sku       the SKU
     * @param quantity  the quantity
     * @param currency  the currency of its price, one with minor units (adapters refuse others)
     * @param unitPrice the unit price in minor units of the currency
     */
    public record LineInput(String sku, long quantity, Currency currency, long unitPrice) {
        /**
         * Checks the currency is one prices can be in.
         *
         * @throws IllegalArgumentException for a currency without minor units, such as {@code XAU}
         */
        public LineInput {
            if (currency.getDefaultFractionDigits() < 0) {
                throw new IllegalArgumentException(currency + " has no minor units");
            }
        }
    }

    /**
     * What an API version calls a line's price, so a broken rule names the field the client sent.
     *
     * @param amount   the price's amount, e.g. {@code unitPriceCents} or {@code unitPrice.amount}
     * @param currency the price's currency, e.g. {@code unitPrice.currency}
     */
    public record PriceFields(String amount, String currency) {
    }
}
