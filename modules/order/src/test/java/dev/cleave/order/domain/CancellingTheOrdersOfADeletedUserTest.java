package dev.cleave.order.domain;

import java.util.List;

import dev.cleave.order.api.OrderCancelled;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import static dev.cleave.order.api.CancellationReason.USER_DELETED;
import static dev.cleave.order.domain.NewOrderFixture.anOrderFor;
import static dev.cleave.order.domain.NewOrderFixture.cancelled;
import static dev.cleave.order.domain.OrderServiceFixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * When the user context reports a user deleted, the order context marks the user deleted, so later orders are
 * refused, and cancels every placed order of theirs, publishing each cancellation; a sweep now and then cancels the
 * orders whose placement overlapped the deletion.
 */
class CancellingTheOrdersOfADeletedUserTest {
    private final OrderServiceFixture fixture = new OrderServiceFixture();

    @Test
    void theUserIsMarkedDeletedBeforeTheirPlacedOrdersAreCancelled() {
        fixture.service.cancelPlacedOrdersOfDeletedUser(3, "admin-1");

        InOrder order = inOrder(fixture.repository);
        order.verify(fixture.repository).markUserDeleted(3, NOW);
        order.verify(fixture.repository).cancelPlacedOrdersOf(3, USER_DELETED, NOW);
    }

    @Test
    void eachOrderCancelledNowIsPublished() {
        List<Order> now = List.of(cancelled(10, anOrderFor(3), 2), cancelled(11, anOrderFor(3), 2));
        when(fixture.repository.cancelPlacedOrdersOf(3, USER_DELETED, NOW)).thenReturn(now);

        int count = fixture.service.cancelPlacedOrdersOfDeletedUser(3, "admin-1");

        assertEquals(2, count);
        ArgumentCaptor<OrderCancelled> published = ArgumentCaptor.forClass(OrderCancelled.class);
        verify(fixture.events, times(2)).publish(published.capture());
        assertEquals(List.of(10L, 11L), published.getAllValues().stream().map(OrderCancelled::aggregateId).toList());
    }

    @Test
    void theSweepCancelsThePlacedOrdersOfEveryUserMarkedDeleted() {
        when(fixture.repository.deletedUsersWithPlacedOrders()).thenReturn(List.of(4L, 5L));
        when(fixture.repository.cancelPlacedOrdersOf(4, USER_DELETED, NOW))
                .thenReturn(List.of(cancelled(20, anOrderFor(4), 2)));
        when(fixture.repository.cancelPlacedOrdersOf(5, USER_DELETED, NOW))
                .thenReturn(List.of(cancelled(21, anOrderFor(5), 2), cancelled(22, anOrderFor(5), 2)));

        int count = fixture.service.cancelOrdersThatSlippedPastDeletions();

        assertEquals(3, count);
        verify(fixture.events, times(3)).publish(any());
    }
}
