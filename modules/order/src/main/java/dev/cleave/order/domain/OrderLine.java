package dev.cleave.order.domain;

/**
 * One line of an order.
 *
 * @param sku       the stock-keeping unit, {@code [A-Za-z0-9_-]{1,64}}
 * @param quantity  how many, 1 to 1000
 * @param unitPrice the price of one, 0 to 100,000,000 minor units of the order's currency
 */
public record OrderLine(String sku, int quantity, long unitPrice) {

    /**
     * The line's total.
     *
     * @return quantity times unit price, exact, in minor units
     */
    public long total() {
        return Math.multiplyExact(quantity, unitPrice);
    }
}
