package dev.cleave.order.wiring;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Currency;

import dev.cleave.order.adapter.http.OrdersV1;
import dev.cleave.order.adapter.http.OrdersV2;
import dev.cleave.platform.spi.InvalidSettingException;
import dev.cleave.platform.web.DeprecatedApi;
import io.helidon.config.Config;

/**
 * The settings of the order API's versions: v1's currency and its deprecation. Each names its environment variable
 * when it cannot be used, and the assembly refuses to start.
 *
 * @param v1           version 1's format, in the v1 currency
 * @param v1Deprecated version 1's deprecation, told on every v1 response
 */
record OrderApiSettings(OrdersV1 v1, DeprecatedApi v1Deprecated) {
    static final String DEFAULT_V1_CURRENCY = "EUR";
    static final Instant DEFAULT_DEPRECATION = Instant.parse("2026-12-03T00:00:00Z");
    static final Instant DEFAULT_SUNSET = Instant.parse("2028-12-31T23:59:59Z");
    static final String DEFAULT_LINK = "/docs#/migrating-to-v2";

    static OrderApiSettings from(Config config) {
        Config v1 = config.get("cleave.order.v1");
        OrdersV1 format = new OrdersV1(v1Currency(v1.get("currency").asString().orElse(DEFAULT_V1_CURRENCY)));
        Instant deprecation = instant(v1.get("deprecation"), "CLEAVE_ORDER_V1_DEPRECATION", DEFAULT_DEPRECATION);
        Instant sunset = instant(v1.get("sunset"), "CLEAVE_ORDER_V1_SUNSET", DEFAULT_SUNSET);
        String link = v1.get("deprecation-link").asString().orElse(DEFAULT_LINK);
        String gone = v1.get("gone-after-sunset").asString().orElse("false");
        if (!gone.equals("true") && !gone.equals("false")) {
            throw new InvalidSettingException("CLEAVE_ORDER_V1_GONE_AFTER_SUNSET must be true or false, not '"
                                              + gone + "'");
        }
        try {
            return new OrderApiSettings(format, new DeprecatedApi(OrdersV1.PATH, deprecation, sunset, link,
                                                                  Boolean.parseBoolean(gone), OrdersV2.PATH));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("CLEAVE_ORDER_V1_DEPRECATION, _SUNSET and _DEPRECATION_LINK: "
                                              + e.getMessage());
        }
    }

    private static Currency v1Currency(String code) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("CLEAVE_ORDER_V1_CURRENCY must be an ISO 4217 currency code such as "
                                              + "EUR, not '" + code + "'");
        }
        if (currency.getDefaultFractionDigits() != 2) {
            throw new InvalidSettingException("CLEAVE_ORDER_V1_CURRENCY must be a currency with cents (two minor "
                                              + "digits), as v1 prices are cents; " + code + " has "
                                              + currency.getDefaultFractionDigits());
        }
        return currency;
    }

    private static Instant instant(Config value, String variable, Instant fallback) {
        if (!value.exists()) {
            return fallback;
        }
        String text = value.asString().get();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(variable + " must be an RFC 3339 UTC time such as "
                                              + fallback + ", not '" + text + "'");
        }
    }
}
