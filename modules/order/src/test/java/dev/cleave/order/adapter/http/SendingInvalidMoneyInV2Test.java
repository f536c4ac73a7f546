package dev.cleave.order.adapter.http;

import java.util.Map;

import io.helidon.webserver.testing.junit5.DirectClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.cleave.order.adapter.http.OrderApiFixture.ORDERS_V2;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertInvalid;
import static dev.cleave.order.adapter.http.OrderApiFixture.assertNoOrdersOf;
import static dev.cleave.order.adapter.http.OrderApiFixture.itemV2;
import static dev.cleave.order.adapter.http.OrderApiFixture.order;
import static dev.cleave.order.adapter.http.OrderApiFixture.postJson;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Money a v2 client gets wrong is a {@code 400} naming the field: a bad or unknown currency code, more decimals
 * than the currency has, an amount that is not a decimal string, out of range, or in a second currency.
 */
class SendingInvalidMoneyInV2Test extends OrderApiRoutingTest {
    private static final String PRICE = "items[0].unitPrice.";

    SendingInvalidMoneyInV2Test(DirectClient client) {
        super(client);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1.999      | EUR | amount   | must have at most 2 digits after the point: EUR has 2 minor digits
            19.5       | JPY | amount   | must be a whole number: JPY has no minor units
            1.0001     | BHD | amount   | must have at most 3 digits after the point: BHD has 3 minor digits
            -1.00      | EUR | amount   | must be a decimal string such as "19.99": digits, at most one point, no sign, exponent or leading zero
            1e3        | EUR | amount   | must be a decimal string such as "19.99": digits, at most one point, no sign, exponent or leading zero
            01.00      | EUR | amount   | must be a decimal string such as "19.99": digits, at most one point, no sign, exponent or leading zero
            19.        | EUR | amount   | must be a decimal string such as "19.99": digits, at most one point, no sign, exponent or leading zero
            ''         | EUR | amount   | must be a decimal string such as "19.99": digits, at most one point, no sign, exponent or leading zero
            1000000.01 | EUR | amount   | must be from 0 to 1000000.00
            100000001  | JPY | amount   | must be from 0 to 100000000
            19.99      | eur | currency | must be an ISO 4217 code: three capital letters, such as EUR
            19.99      | EURO | currency | must be an ISO 4217 code: three capital letters, such as EUR
            19.99      | ABC | currency | must be an ISO 4217 currency code; ABC is none
            19.99      | XAU | currency | must be a currency with minor units, not XAU
            """)
    void badMoneyIsInvalidNamingItsField(String amount, String currency, String field, String message) {
        long user = USERS.register();

        assertEquals(Map.of(PRICE + field, message),
                     assertInvalid(postJson(client, ORDERS_V2, order(user, itemV2("a", 1, amount, currency)))));
        assertNoOrdersOf(client, user);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"amount":19.99,"currency":"EUR"}            | items[0].unitPrice.amount   | must be a string, not a decimal number
            {"amount":1999,"currency":"EUR"}             | items[0].unitPrice.amount   | must be a string, not an integer
            {"amount":"19.99","currency":978}            | items[0].unitPrice.currency | must be a string, not an integer
            {"amount":"19.99"}                           | items[0].unitPrice.currency | is required
            {"currency":"EUR"}                           | items[0].unitPrice.amount   | is required
            {"amount":"1","currency":"EUR","scale":2}    | items[0].unitPrice.scale    | is not a known property
            "19.99 EUR"                                  | items[0].unitPrice          | must be an object, not a string
            1999                                         | items[0].unitPrice          | must be an object, not an integer
            """)
    void moneyOfTheWrongJsonShapeIsInvalid(String money, String field, String message) {
        String body = "{\"userId\":" + USERS.register() + ",\"items\":[{\"sku\":\"a\",\"quantity\":1,\"unitPrice\":"
                      + money + "}]}";

        assertEquals(Map.of(field, message), assertInvalid(postJson(client, ORDERS_V2, body)));
    }

    @Test
    void anOrderHasOneCurrencyTheFirstItemsAndEveryOtherIsNamed() {
        long user = USERS.register();
        String body = order(user, itemV2("a", 1, "1.00", "EUR"), itemV2("b", 1, "1.00", "USD"),
                            itemV2("c", 1, "1.00", "EUR"), itemV2("d", 1, "100", "JPY"));

        assertEquals(Map.of("items[1].unitPrice.currency", "must be EUR, the currency of items[0]: an order has one "
                                                           + "currency",
                            "items[3].unitPrice.currency", "must be EUR, the currency of items[0]: an order has one "
                                                           + "currency"),
                     assertInvalid(postJson(client, ORDERS_V2, body)));
        assertNoOrdersOf(client, user);
    }

    @Test
    void v1sPriceFieldIsNotKnownInV2() {
        String body = "{\"userId\":" + USERS.register() + ",\"items\":[{\"sku\":\"a\",\"quantity\":1,"
                      + "\"unitPriceCents\":1999}]}";

        assertEquals(Map.of("items[0].unitPriceCents", "is not a known property",
                            "items[0].unitPrice", "is required"),
                     assertInvalid(postJson(client, ORDERS_V2, body)));
    }

    @Test
    void theTotalIsReadOnly() {
        String body = "{\"userId\":" + USERS.register() + ",\"total\":{\"amount\":\"1\",\"currency\":\"EUR\"},"
                      + "\"items\":[" + itemV2("a", 1, "1", "EUR") + "]}";

        assertEquals(Map.of("total", "is read-only"), assertInvalid(postJson(client, ORDERS_V2, body)));
    }
}
