package dev.cleave.order.domain;

import java.util.List;
import java.util.regex.Pattern;

import dev.cleave.platform.api.Violations;

/**
 * An order a client asks to place, checked: a positive user id and 1 to 50 valid lines.
 *
 * @param userId the user placing it
 * @param lines  the lines
 */
public record NewOrder(long userId, List<OrderLine> lines) {
    /** The most lines an order may have. */
    public static final int MAX_LINES = 50;
    static final int MAX_QUANTITY = 1000;
    static final long MAX_UNIT_PRICE_CENTS = 100_000_000L;
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
     * @return the checked order
     * @throws dev.cleave.platform.api.InvalidInputException listing every rule broken
     */
    public static NewOrder of(long userId, List<LineInput> lines) {
        Violations violations = new Violations();
        if (userId < 1) {
            violations.add("userId", "must be a positive integer");
        }
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            violations.add("items", "must have 1 to " + MAX_LINES + " items");
        }
        for (int i = 0; i < lines.size(); i++) {
            LineInput line = lines.get(i);
            String at = "items[" + i + "].";
            if (!SKU.matcher(line.sku()).matches()) {
                violations.add(at + "sku", "must be 1 to 64 letters, digits, '_' or '-'");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                violations.add(at + "quantity", "must be from 1 to " + MAX_QUANTITY);
            }
            if (line.unitPriceCents() < 0 || line.unitPriceCents() > MAX_UNIT_PRICE_CENTS) {
                violations.add(at + "unitPriceCents", "must be from 0 to " + MAX_UNIT_PRICE_CENTS);
            }
        }
        violations.throwIfAny();
        return new NewOrder(userId, lines.stream()
                .map(line -> new OrderLine(line.sku(), (int) line.quantity(), line.unitPriceCents()))
                .toList());
    }

    /**
     * The exact sum of the lines. At most 50 × 1000 × 100,000,000 cents, far inside {@code long}.
     *
     * @return the total in cents
     */
    public long totalCents() {
        return lines.stream().mapToLong(OrderLine::totalCents).reduce(0, Math::addExact);
    }

    /**
     * One line as the client sent it, before its ranges are checked.
     *
     * @param sku            the SKU
     * @param quantity       the quantity
     * @param unitPriceCents the unit price
     */
    public record LineInput(String sku, long quantity, long unitPriceCents) {
    }
}
