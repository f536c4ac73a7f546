package dev.cleave.order.adapter.persistence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.cleave.order.api.OrderStatus;
import dev.cleave.order.domain.NewOrder;
import dev.cleave.order.domain.Order;
import dev.cleave.order.domain.OrderLine;
import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.Slice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.api.CancellationReason.CUSTOMER_REQUEST;
import static dev.cleave.order.api.CancellationReason.USER_DELETED;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.ADMIN;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.EUR;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.PRICE;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.T0;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.ids;
import static dev.cleave.order.adapter.persistence.OrderDatabaseFixture.order;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JdbcOrderRepository} on a real database, a fresh one for each test.
 *
 * <p>The cases; {@link StoringOrdersOnH2Test} and {@link StoringOrdersOnPostgresTest} run them on each database the
 * context supports.
 */
abstract class AbstractStoringOrdersTest {
    private OrderDatabaseFixture db;

    /** Opens the order database, empty: each test starts from a new one. */
    abstract OrderDatabaseFixture openEmpty();

    @BeforeEach
    void openDatabase() {
        db = openEmpty();
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void anInsertedOrderIsPlacedAtVersionOneWithItsLinesInTheOrderSent() {
        NewOrder sent = NewOrder.of(7, List.of(new NewOrder.LineInput("zeta", 2, EUR, 150),
                                               new NewOrder.LineInput("alpha", 1, EUR, 100_000_000),
                                               new NewOrder.LineInput("mid", 1000, EUR, 0)), PRICE);

        Order inserted = db.repository.insert(sent, null, ADMIN.subject(), T0);

        assertTrue(inserted.id() > 0);
        assertEquals(7, inserted.userId());
        assertEquals(List.of(new OrderLine("zeta", 2, 150), new OrderLine("alpha", 1, 100_000_000),
                             new OrderLine("mid", 1000, 0)), inserted.lines());
        assertEquals(100_000_300, inserted.total());
        assertEquals(OrderStatus.PLACED, inserted.status());
        assertEquals(T0, inserted.createdAt());
        assertEquals(T0, inserted.updatedAt());
        assertEquals(1, inserted.version());
        assertEquals(Optional.of(inserted), db.repository.find(inserted.id()));
    }

    @Test
    void eachOrderGetsItsOwnIdAndItsOwnLines() {
        Order first = db.repository.insert(order(1, "a", "bb"), null, ADMIN.subject(), T0);
        Order second = db.repository.insert(order(1, "ccc"), null, ADMIN.subject(), T0);

        assertTrue(second.id() > first.id());
        assertEquals(List.of("a", "bb"), db.repository.find(first.id()).orElseThrow().lines().stream()
                .map(OrderLine::sku).toList());
        assertEquals(List.of("ccc"), db.repository.find(second.id()).orElseThrow().lines().stream()
                .map(OrderLine::sku).toList());
    }

    @Test
    void theLargestOrderAllowedIsStoredWithItsExactTotal() {
        List<NewOrder.LineInput> lines = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            lines.add(new NewOrder.LineInput("line-" + i, 1000, EUR, 100_000_000));
        }

        Order inserted = db.repository.insert(NewOrder.of(3, lines, PRICE), null, ADMIN.subject(), T0);

        Order found = db.repository.find(inserted.id()).orElseThrow();
        assertEquals(5_000_000_000_000L, found.total());
        assertEquals(50, found.lines().size());
        assertEquals("line-49", found.lines().getLast().sku());
    }

    @Test
    void aMissingOrderIsNotFound() {
        assertEquals(Optional.empty(), db.repository.find(12345));
    }

    @Test
    void aPlacedOrderIsCancelledOnceAndTheSecondCancellationChangesNothing() {
        Order placed = db.repository.insert(order(1, "a"), null, ADMIN.subject(), T0);

        Order cancelled = db.repository.cancel(placed.id(), null, CUSTOMER_REQUEST, T0.plusSeconds(60)).orElseThrow();

        assertEquals(OrderStatus.CANCELLED, cancelled.status());
        assertEquals(2, cancelled.version());
        assertEquals(T0, cancelled.createdAt());
        assertEquals(T0.plusSeconds(60), cancelled.updatedAt());
        assertEquals(placed.lines(), cancelled.lines());
        assertEquals(Optional.empty(), db.repository.cancel(placed.id(), null, CUSTOMER_REQUEST, T0.plusSeconds(120)));
        assertEquals(Optional.of(cancelled), db.repository.find(placed.id()));
    }

    @Test
    void aMissingOrderCannotBeCancelled() {
        assertEquals(Optional.empty(), db.repository.cancel(999, null, CUSTOMER_REQUEST, T0));
    }

    @Test
    void aCancellationExpectingAnotherVersionChangesNothing() {
        Order placed = db.repository.insert(order(1, "a"), null, ADMIN.subject(), T0);

        assertEquals(Optional.empty(), db.repository.cancel(placed.id(), 2L, CUSTOMER_REQUEST, T0.plusSeconds(1)));
        assertEquals(Optional.of(placed), db.repository.find(placed.id()));

        Order cancelled = db.repository.cancel(placed.id(), 1L, CUSTOMER_REQUEST, T0.plusSeconds(2)).orElseThrow();
        assertEquals(2, cancelled.version());
    }

    @Test
    void ordersAreListedNewestFirst() {
        List<Order> placed = new ArrayList<>();
        placed.addAll(db.place(1, 2));
        placed.addAll(db.place(2, 2));
        placed.add(db.repository.insert(order(1, "x", "y"), null, ADMIN.subject(), T0));

        Slice<Order> page = db.repository.list(null, null, null, null, 10);

        List<Order> newestFirst = placed.stream().sorted(Comparator.comparingLong(Order::id).reversed()).toList();
        assertEquals(newestFirst, page.items());
        assertFalse(page.hasMore());
        assertEquals(List.of("x", "y"), page.items().getFirst().lines().stream().map(OrderLine::sku).toList());
    }

    @Test
    void anOrderRemembersItsOwnerAndWhoPlacedIt() {
        Order placed = db.repository.insert(order(1, "a"), "customer-a", ADMIN.subject(), T0);

        Order found = db.repository.find(placed.id()).orElseThrow();
        assertEquals(Optional.of("customer-a"), found.ownedBy());
        assertEquals(ADMIN.subject(), found.placedBy());
    }

    @Test
    void anOwnersListingHoldsOnlyTheOrdersItOwns() {
        Order mine = db.repository.insert(order(1, "mine"), "customer-a", "customer-a", T0);
        db.repository.insert(order(2, "theirs"), "customer-b", "customer-b", T0);
        db.repository.insert(order(1, "nobodys"), null, ADMIN.subject(), T0);

        assertEquals(List.of(mine.id()), ids(db.repository.list(null, "customer-a", null, null, 10).items()));
        assertEquals(List.of(mine.id()), ids(db.repository.list(1L, "customer-a", null, null, 10).items()));
        assertEquals(List.of(), db.repository.list(2L, "customer-a", null, null, 10).items());
        assertEquals(3, db.repository.list(null, null, null, null, 10).items().size());
    }

    @Test
    void aUsersListingHoldsOnlyThatUsersOrders() {
        List<Order> mine = new ArrayList<>(db.place(1, 3));
        db.place(2, 2);
        mine.add(db.repository.insert(order(1, "late"), null, ADMIN.subject(), T0));

        Slice<Order> page = db.repository.list(1L, null, null, null, 10);

        assertEquals(ids(mine).reversed(), ids(page.items()));
        assertTrue(page.items().stream().allMatch(o -> o.userId() == 1));
        assertFalse(page.hasMore());
        assertEquals(new Slice<Order>(List.of(), false), db.repository.list(3L, null, null, null, 10));
    }

    @Test
    void pagesFollowEachOtherByTheLastIdSeen() {
        List<Long> placed = ids(db.place(1, 5));

        Slice<Order> first = db.repository.list(null, null, null, null, 2);
        Slice<Order> second = db.repository.list(null, null, null, first.items().getLast().id(), 2);
        Slice<Order> third = db.repository.list(null, null, null, second.items().getLast().id(), 2);

        assertEquals(List.of(placed.get(4), placed.get(3)), ids(first.items()));
        assertTrue(first.hasMore());
        assertEquals(List.of(placed.get(2), placed.get(1)), ids(second.items()));
        assertTrue(second.hasMore());
        assertEquals(List.of(placed.get(0)), ids(third.items()));
        assertFalse(third.hasMore());
    }

    @Test
    void aPageThatEndsExactlyAtTheLastOrderHasNoMore() {
        List<Long> placed = ids(db.place(1, 4));

        Slice<Order> second = db.repository.list(null, null, null, placed.get(2), 2);

        assertEquals(List.of(placed.get(1), placed.get(0)), ids(second.items()));
        assertFalse(second.hasMore());
    }

    @Test
    void pagingAUsersOrdersSkipsOtherUsers() {
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(db.repository.insert(order(1, "m" + i), null, ADMIN.subject(), T0).id());
            db.repository.insert(order(2, "o" + i), null, ADMIN.subject(), T0);
        }

        Slice<Order> first = db.repository.list(1L, null, null, null, 2);
        Slice<Order> second = db.repository.list(1L, null, null, first.items().getLast().id(), 2);

        assertEquals(List.of(mine.get(2), mine.get(1)), ids(first.items()));
        assertTrue(first.hasMore());
        assertEquals(List.of(mine.get(0)), ids(second.items()));
        assertFalse(second.hasMore());
    }

    @Test
    void aListingOfAnEmptyDatabaseIsEmpty() {
        assertEquals(new Slice<Order>(List.of(), false), db.repository.list(null, null, null, null, 20));
    }

    @Test
    void ofTwoConcurrentCancellationsOfOneOrderExactlyOneSucceeds() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                long id = db.repository.insert(order(1, "race"), null, ADMIN.subject(), T0).id();
                Long expected = round % 2 == 0 ? null : 1L;
                CyclicBarrier start = new CyclicBarrier(2);
                Callable<Optional<Order>> cancel = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    return db.repository.cancel(id, expected, CUSTOMER_REQUEST, T0.plusSeconds(1));
                };
                Future<Optional<Order>> one = threads.submit(cancel);
                Future<Optional<Order>> two = threads.submit(cancel);

                List<Optional<Order>> results = List.of(one.get(30, TimeUnit.SECONDS), two.get(30, TimeUnit.SECONDS));

                assertEquals(1, results.stream().filter(Optional::isPresent).count(), "round " + round);
                Order stored = db.repository.find(id).orElseThrow();
                assertEquals(OrderStatus.CANCELLED, stored.status());
                assertEquals(2, stored.version(), "cancelled once, so one version step");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void ofTwentyCancellationsWithoutIfMatchOneCancelsAndTheOthersAreConflictsNeverFailedPreconditions()
            throws Exception {
        int racers = 20;
        long id = db.repository.insert(order(1, "race"), null, ADMIN.subject(), T0).id();
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            CyclicBarrier start = new CyclicBarrier(racers);
            List<Future<Order>> cancels = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                cancels.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return db.service.cancel(ADMIN, id, Optional.empty());
                }));
            }

            int cancelled = 0;
            for (Future<Order> cancel : cancels) {
                try {
                    cancel.get(30, TimeUnit.SECONDS);
                    cancelled++;
                } catch (ExecutionException e) {
                    assertInstanceOf(ConflictException.class, e.getCause(), "a second cancel is a 409, never a 412");
                }
            }
            assertEquals(1, cancelled);
            assertEquals(2, db.repository.find(id).orElseThrow().version(), "cancelled once, so one version step");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aUserIsNotDeletedUntilMarkedSoAndThenForGood() {
        assertFalse(db.repository.isUserDeleted(5));

        db.repository.markUserDeleted(5, T0);
        db.repository.markUserDeleted(5, T0.plusSeconds(1));

        assertTrue(db.repository.isUserDeleted(5));
        assertFalse(db.repository.isUserDeleted(6), "another user");
    }

    @Test
    void anOrderThatSlippedPastItsUsersDeletionIsFoundUntilItIsCancelled() {
        Order keptUsers = db.repository.insert(order(8, "kept"), null, ADMIN.subject(), T0);
        db.repository.markUserDeleted(9, T0);
        // Committed after the deletion had cancelled user 9's placed orders.
        db.repository.insert(order(9, "slipped"), null, ADMIN.subject(), T0);

        assertEquals(List.of(9L), db.repository.deletedUsersWithPlacedOrders());

        db.repository.cancelPlacedOrdersOf(9, USER_DELETED, T0.plusSeconds(1));

        assertEquals(List.of(), db.repository.deletedUsersWithPlacedOrders());
        assertEquals(OrderStatus.PLACED, db.repository.find(keptUsers.id()).orElseThrow().status());
    }
}
