package dev.cleave.order.adapter.http;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;

import dev.cleave.order.domain.NewOrder;
import dev.cleave.platform.web.JsonFields;

/**
 * Money as v2 carries it: {@code {"amount": "19.99", "currency": "EUR"}}, an exact decimal string and an ISO 4217
 * code, with exactly the currency's minor digits in answers and at most that many in requests. A JSON number is
 * refused: binary floating point cannot carry {@code 0.10} exactly, and a client that sends one has lost cents
 * already.
 *
 * @param amount   the decimal string
 * @param currency the ISO 4217 code
 */
public record MoneyJson(String amount, String currency) {
    private static final Set<String> FIELDS = Set.of("amount", "currency");
    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+)?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    /**
     * An amount in minor units, as v2 shows it.
     *
     * @param minorUnits the amount in minor units of the currency
     * @param currency   the currency, one with minor units
     * @return the money
     */
    static MoneyJson of(long minorUnits, Currency currency) {
        return new MoneyJson(BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).toPlainString(),
                             currency.getCurrencyCode());
    }

    /**
     * Reads a price, reporting each problem under the money's own path ({@code items[0].unitPrice.amount}).
     *
     * @param money the money object's fields
     * @return the price, or {@code null} if anything is wrong (already reported)
     */
    static NewOrderJson.Price read(JsonFields money) {
        money.allowOnly(FIELDS, Set.of());
        String code = money.string("currency");
        String amount = money.string("amount");
        Currency currency = code == null ? null : currency(money, code);
        if (amount == null || currency == null) {
            return null;
        }
        if (!AMOUNT.matcher(amount).matches()) {
            money.reject("amount", "must be a decimal string such as \"19.99\": digits, at most one point, no sign, "
                                   + "exponent or leading zero");
            return null;
        }
        int digits = currency.getDefaultFractionDigits();
        BigDecimal value = new BigDecimal(amount);
        if (value.scale() > digits) {
            money.reject("amount", digits == 0
                    ? "must be a whole number: " + code + " has no minor units"
                    : "must have at most " + digits + " digits after the point: " + code + " has " + digits
                      + " minor digits");
            return null;
        }
        BigDecimal minorUnits = value.movePointRight(digits);
        if (minorUnits.compareTo(BigDecimal.valueOf(NewOrder.MAX_UNIT_PRICE)) > 0) {
            money.reject("amount", "must be from 0 to " + of(NewOrder.MAX_UNIT_PRICE, currency).amount());
            return null;
        }
        return new NewOrderJson.Price(currency, minorUnits.longValueExact());
    }

    private static Currency currency(JsonFields money, String code) {
        if (!CODE.matcher(code).matches()) {
            money.reject("currency", "must be an ISO 4217 code: three capital letters, such as EUR");
            return null;
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            money.reject("currency", "must be an ISO 4217 currency code; " + code + " is none");
            return null;
        }
        if (currency.getDefaultFractionDigits() < 0) {
            // XAU (gold), XXX (no currency) and the like: there is no minor unit to count in.
            money.reject("currency", "must be a currency with minor units, not " + code);
            return null;
        }
        return currency;
    }
}
