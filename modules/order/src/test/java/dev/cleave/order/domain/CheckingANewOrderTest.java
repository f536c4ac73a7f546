package dev.cleave.order.domain;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import dev.cleave.platform.api.InvalidInputException;
import dev.cleave.platform.api.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.cleave.order.domain.NewOrderFixture.PRICE;
import static dev.cleave.order.domain.NewOrderFixture.fields;
import static dev.cleave.order.domain.NewOrderFixture.line;
import static dev.cleave.order.domain.NewOrderFixture.validLines;
import static dev.cleave.order.domain.NewOrderFixture.violationsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NewOrder#of}: what a client may send, and that every broken rule is reported with its field path.
 */
class CheckingANewOrderTest {

    @Test
    void aValidOrderKeepsItsLinesInTheOrderSent() {
        NewOrder order = NewOrder.of(7, List.of(line("zeta", 1, 5), line("alpha", 1000, 0), line("mid_1-x", 3, 7)),
                                     PRICE);

        assertEquals(7, order.userId());
        assertEquals(List.of(new OrderLine("zeta", 1, 5), new OrderLine("alpha", 1000, 0),
                             new OrderLine("mid_1-x", 3, 7)), order.lines());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aUserIdThatIsNotPositiveIsRefused(long userId) {
        List<Violation> violations = violationsOf(userId, validLines(1));

        assertEquals(List.of(new Violation("userId", "must be a positive integer")), violations);
    }

    @Test
    void anOrderWithoutItemsIsRefused() {
        assertEquals(List.of("items"), fields(violationsOf(1, List.of())));
    }

    @Test
    void fiftyItemsAreAcceptedAndFiftyOneAreNot() {
        assertEquals(50, NewOrder.of(1, validLines(50), PRICE).lines().size());

        List<Violation> violations = violationsOf(1, validLines(51));
        assertEquals(List.of(new Violation("items", "must have 1 to 50 items")), violations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "_", "-", "ABC-def_123", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void skusOfOneToSixtyFourLettersDigitsUnderscoresOrHyphensAreAccepted(String sku) {
        assertEquals(sku, NewOrder.of(1, List.of(line(sku, 1, 1)), PRICE).lines().getFirst().sku());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a/b", "a.b", "é", "sku\n", "ünïcode", "a;DROP TABLE orders",
                            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void otherSkusAreRefused(String sku) {
        assertEquals(List.of("items[0].sku"), fields(violationsOf(1, List.of(line(sku, 1, 1)))));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 999, 1000})
    void quantitiesFromOneToAThousandAreAccepted(long quantity) {
        assertEquals(quantity, NewOrder.of(1, List.of(line("a", quantity, 1)), PRICE).lines().getFirst().quantity());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 1001, Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE})
    void otherQuantitiesAreRefused(long quantity) {
        List<Violation> violations = violationsOf(1, List.of(line("a", quantity, 1)));

        assertEquals(List.of(new Violation("items[0].quantity", "must be from 1 to 1000")), violations);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 99_999_999, 100_000_000})
    void unitPricesFromZeroToAMillionUnitsAreAccepted(long price) {
        assertEquals(price, NewOrder.of(1, List.of(line("a", 1, price)), PRICE).lines().getFirst().unitPrice());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 100_000_001, Long.MAX_VALUE, Long.MIN_VALUE})
    void otherUnitPricesAreRefused(long price) {
        List<Violation> violations = violationsOf(1, List.of(line("a", 1, price)));

        assertEquals(List.of(new Violation("items[0].unitPriceCents", "must be from 0 to 100000000")), violations);
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceWithItsFieldPath() {
        List<NewOrder.LineInput> lines = List.of(line("ok", 1, 1),
                                                 line("bad sku", 1, 1),
                                                 line("ok-2", 0, -5),
                                                 line("ok_3", 1001, 100_000_001));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NewOrder.of(0, lines, PRICE));

        assertEquals(List.of("userId", "items[1].sku", "items[2].quantity", "items[2].unitPriceCents",
                             "items[3].quantity", "items[3].unitPriceCents"), fields(e.violations()));
        assertEquals("6 fields are invalid", e.getMessage());
    }

    @Test
    void tooManyItemsAreReportedTogetherWithTheBrokenRulesOfEachItem() {
        List<NewOrder.LineInput> lines = new ArrayList<>(validLines(51));
        lines.set(50, line("x", 0, 1));

        assertEquals(List.of("userId", "items", "items[50].quantity"), fields(violationsOf(-1, lines)));
    }

    @Test
    void aSingleBrokenRuleNamesItsFieldInTheMessage() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                                               () -> NewOrder.of(1, List.of(line("a", 1, 1), line("b", 1, -1)), PRICE));

        assertEquals("items[1].unitPriceCents must be from 0 to 100000000", e.getMessage());
    }

    @Test
    void theLinesOfACheckedOrderCannotBeChangedAfterwards() {
        List<NewOrder.LineInput> lines = new ArrayList<>(validLines(2));
        NewOrder order = NewOrder.of(1, lines, PRICE);
        lines.clear();

        assertEquals(2, order.lines().size());
        assertThrows(UnsupportedOperationException.class, () -> order.lines().add(new OrderLine("c", 1, 1)));
        assertTrue(order.lines().stream().allMatch(l -> l.sku().startsWith("SKU-")));
    }

    @Test
    void anOrderIsInTheCurrencyOfItsFirstLineAndEveryLineInAnotherIsNamed() {
        Currency usd = Currency.getInstance("USD");
        List<NewOrder.LineInput> lines = List.of(line("a", 1, 1), new NewOrder.LineInput("b", 1, usd, 1),
                                                 line("c", 1, 1));

        assertEquals(List.of(new Violation("items[1].unitPrice.currency", "must be EUR, the currency of items[0]: "
                                                                         + "an order has one currency")),
                     assertThrows(InvalidInputException.class,
                                  () -> NewOrder.of(1, lines, new NewOrder.PriceFields("unitPrice.amount",
                                                                                       "unitPrice.currency")))
                             .violations());
        assertEquals(usd, NewOrder.of(1, List.of(new NewOrder.LineInput("b", 1, usd, 1)), PRICE).currency());
    }

    @Test
    void aCurrencyWithoutMinorUnitsCannotPriceALine() {
        assertThrows(IllegalArgumentException.class,
                     () -> new NewOrder.LineInput("gold", 1, Currency.getInstance("XAU"), 1));
    }
}
