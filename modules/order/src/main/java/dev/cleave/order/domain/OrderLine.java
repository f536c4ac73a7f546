package dev.cleave.order.domain;

/**
 * One line of an order.
 *
 * @param sku            the stock-keeping unit, {@code [A-Za-z0-9_-]{1,64}}
 * @param quantity       how many, 1 to 1000
 * @param unitPriceCents the price of one, 0 to 100,000,000 cents
 */
public record OrderLine(String sku, int quantity, long unitPriceCents) {

    /**
     * The line's total.
     *
     * @return quantity times unit price, exact
     */
    public long totalCents() {
        return Math.multiplyExact(quantity, unitPriceCents);
    }
}
