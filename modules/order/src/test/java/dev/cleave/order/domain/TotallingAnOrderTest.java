package dev.cleave.order.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.cleave.order.domain.NewOrderFixture.PRICE;
import static dev.cleave.order.domain.NewOrderFixture.line;
import static dev.cleave.order.domain.NewOrderFixture.mostExpensiveLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An order's total is the exact sum of quantity times unit price over its lines, up to the largest order allowed.
 */
class TotallingAnOrderTest {

    @Test
    void theTotalIsTheSumOfEachLinesQuantityTimesUnitPrice() {
        NewOrder order = NewOrder.of(1, List.of(line("a", 3, 199), line("b", 1, 5), line("c", 10, 0)), PRICE);

        assertEquals(3 * 199 + 5, order.total());
    }

    @Test
    void anOrderOfFreeItemsCostsNothing() {
        assertEquals(0, NewOrder.of(1, List.of(line("free", 1000, 0)), PRICE).total());
    }

    @Test
    void theLargestOrderAllowedIsTotalledExactly() {
        NewOrder order = NewOrder.of(1, mostExpensiveLines(50), PRICE);

        assertEquals(5_000_000_000_000L, order.total());
        assertEquals(50L * 1000L * 100_000_000L, order.total());
    }

    @Test
    void aLineTotalIsExactBeyondTheRangeOfInt() {
        assertEquals(100_000_000_000L, new OrderLine("a", 1000, 100_000_000).total());
    }

    @Test
    void anOrderSummaryCarriesTheTotal() {
        NewOrder order = NewOrder.of(4, List.of(line("a", 2, 50)), PRICE);
        Order placed = NewOrderFixture.placed(9, order, 1);

        assertEquals(100, placed.summary().total());
        assertEquals(9, placed.summary().id());
        assertEquals(4, placed.summary().userId());
    }
}
