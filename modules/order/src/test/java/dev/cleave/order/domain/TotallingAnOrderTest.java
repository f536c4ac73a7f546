package dev.cleave.order.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.cleave.order.domain.NewOrderFixture.line;
import static dev.cleave.order.domain.NewOrderFixture.mostExpensiveLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An order's total is the exact sum of quantity times unit price over its lines, up to the largest order allowed.
 */
class TotallingAnOrderTest {

    @Test
    void theTotalIsTheSumOfEachLinesQuantityTimesUnitPrice() {
        NewOrder order = NewOrder.of(1, List.of(line("a", 3, 199), line("b", 1, 5), line("c", 10, 0)));

        assertEquals(3 * 199 + 5, order.totalCents());
    }

    @Test
    void anOrderOfFreeItemsCostsNothing() {
        assertEquals(0, NewOrder.of(1, List.of(line("free", 1000, 0))).totalCents());
    }

    @Test
    void theLargestOrderAllowedIsTotalledExactly() {
        NewOrder order = NewOrder.of(1, mostExpensiveLines(50));

        assertEquals(5_000_000_000_000L, order.totalCents());
        assertEquals(50L * 1000L * 100_000_000L, order.totalCents());
    }

    @Test
    void aLineTotalIsExactBeyondTheRangeOfInt() {
        assertEquals(100_000_000_000L, new OrderLine("a", 1000, 100_000_000).totalCents());
    }

    @Test
    void anOrderSummaryCarriesTheTotal() {
        NewOrder order = NewOrder.of(4, List.of(line("a", 2, 50)));
        Order placed = NewOrderFixture.placed(9, order, 1);

        assertEquals(100, placed.summary().totalCents());
        assertEquals(9, placed.summary().id());
        assertEquals(4, placed.summary().userId());
    }
}
