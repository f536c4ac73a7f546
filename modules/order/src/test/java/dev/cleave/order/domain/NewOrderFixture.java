package dev.cleave.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;

import dev.cleave.order.api.CancellationReason;
import dev.cleave.order.api.OrderStatus;
import dev.cleave.platform.api.InvalidInputException;
import dev.cleave.platform.api.Violation;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Orders as a client sends them and as the repository returns them, for the domain's tests.
 */
final class NewOrderFixture {
    static final Instant PLACED_AT = Instant.parse("2024-05-01T10:15:30.123Z");
    static final Currency EUR = Currency.getInstance("EUR");
    /** The field names of v1, whose prices are cents. */
    static final NewOrder.PriceFields PRICE = new NewOrder.PriceFields("unitPriceCents", "unitPriceCents");

    private NewOrderFixture() {
    }

    static NewOrder.LineInput line(String sku, long quantity, long unitPriceCents) {
        return new NewOrder.LineInput(sku, quantity, EUR, unitPriceCents);
    }

    /** {@code count} valid lines with distinct SKUs. */
    static List<NewOrder.LineInput> validLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> line("SKU-" + i, i, 100L * i)).toList();
    }

    /** {@code count} copies of the most expensive line a client may send. */
    static List<NewOrder.LineInput> mostExpensiveLines(int count) {
        List<NewOrder.LineInput> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(line("max-" + i, NewOrder.MAX_QUANTITY, NewOrder.MAX_UNIT_PRICE));
        }
        return lines;
    }

    static NewOrder anOrderFor(long userId) {
        return NewOrder.of(userId, List.of(line("book", 2, 1250), line("pen", 3, 199)), PRICE);
    }

    /** An order an admin placed for a user no customer owns. */
    static Order placed(long id, NewOrder order, long version) {
        return placed(id, order, version, null);
    }

    /** An order placed by and owned by a customer. */
    static Order placed(long id, NewOrder order, long version, String owner) {
        return new Order(id, order.userId(), owner, owner == null ? "admin-1" : owner, order.currency(), order.lines(),
                         order.total(), OrderStatus.PLACED, null, PLACED_AT, PLACED_AT, version);
    }

    static Order cancelled(long id, NewOrder order, long version) {
        return cancelled(id, order, version, null);
    }

    static Order cancelled(long id, NewOrder order, long version, String owner) {
        return new Order(id, order.userId(), owner, owner == null ? "admin-1" : owner, order.currency(), order.lines(),
                         order.total(), OrderStatus.CANCELLED, CancellationReason.CUSTOMER_REQUEST, PLACED_AT,
                         PLACED_AT.plusSeconds(60), version);
    }

    /** The violations {@link NewOrder#of} reports for the input; fails if it accepts it. */
    static List<Violation> violationsOf(long userId, List<NewOrder.LineInput> lines) {
        return assertThrows(InvalidInputException.class, () -> NewOrder.of(userId, lines, PRICE)).violations();
    }

    static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }
}
