package dev.cleave.order.domain;

import java.util.Optional;

import dev.cleave.order.api.OrderStatus;
import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.api.CancellationReason.CUSTOMER_REQUEST;
import static dev.cleave.order.domain.NewOrderFixture.anOrderFor;
import static dev.cleave.order.domain.NewOrderFixture.cancelled;
import static dev.cleave.order.domain.NewOrderFixture.placed;
import static dev.cleave.order.domain.OrderServiceFixture.ADMIN;
import static dev.cleave.order.domain.OrderServiceFixture.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Cancelling is one conditional update; when it changes nothing, the service finds out why.
 */
class CancellingAnOrderTest {
    private final OrderServiceFixture fixture = new OrderServiceFixture();
    private final NewOrder order = anOrderFor(7);

    @Test
    void aPlacedOrderIsCancelledAtTheCurrentTime() {
        Order done = cancelled(5, order, 2);
        when(fixture.repository.cancel(5, null, CUSTOMER_REQUEST, NOW)).thenReturn(Optional.of(done));

        assertSame(done, fixture.service.cancel(ADMIN, 5, Optional.empty()));
        verify(fixture.repository, never()).find(anyLong());
    }

    @Test
    void theVersionTheClientSawIsPassedToTheRepository() {
        Order done = cancelled(5, order, 4);
        when(fixture.repository.cancel(5, 3L, CUSTOMER_REQUEST, NOW)).thenReturn(Optional.of(done));

        assertSame(done, fixture.service.cancel(ADMIN, 5, Optional.of(3L)));
    }

    @Test
    void anAlreadyCancelledOrderIsAConflict() {
        when(fixture.repository.cancel(5, null, CUSTOMER_REQUEST, NOW)).thenReturn(Optional.empty());
        when(fixture.repository.find(5)).thenReturn(Optional.of(cancelled(5, order, 2)));

        ConflictException e = assertThrows(ConflictException.class,
                                           () -> fixture.service.cancel(ADMIN, 5, Optional.empty()));
        assertTrue(e.getMessage().contains("already cancelled"), e.getMessage());
    }

    @Test
    void anAlreadyCancelledOrderIsAConflictEvenWithAStaleVersion() {
        when(fixture.repository.cancel(5, 1L, CUSTOMER_REQUEST, NOW)).thenReturn(Optional.empty());
        when(fixture.repository.find(5)).thenReturn(Optional.of(cancelled(5, order, 2)));

        assertThrows(ConflictException.class, () -> fixture.service.cancel(ADMIN, 5, Optional.of(1L)));
    }

    @Test
    void aMissingOrderIsNotFound() {
        when(fixture.repository.cancel(anyLong(), isNull(), eq(CUSTOMER_REQUEST), any())).thenReturn(Optional.empty());
        when(fixture.repository.find(5)).thenReturn(Optional.empty());

        NotFoundException e = assertThrows(NotFoundException.class,
                                           () -> fixture.service.cancel(ADMIN, 5, Optional.empty()));
        assertEquals("No order with id 5.", e.getMessage());
    }

    @Test
    void aStaleExpectedVersionFailsThePrecondition() {
        when(fixture.repository.cancel(5, 1L, CUSTOMER_REQUEST, NOW)).thenReturn(Optional.empty());
        when(fixture.repository.find(5)).thenReturn(Optional.of(placed(5, order, 2)));

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                                                     () -> fixture.service.cancel(ADMIN, 5, Optional.of(1L)));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void withoutAnExpectedVersionAMissedCancellationIsNeverAFailedPrecondition() {
        when(fixture.repository.cancel(5, null, CUSTOMER_REQUEST, NOW)).thenReturn(Optional.empty());
        when(fixture.repository.find(5)).thenReturn(Optional.of(placed(5, order, 2)));

        assertThrows(ConflictException.class, () -> fixture.service.cancel(ADMIN, 5, Optional.empty()));
    }

    @Test
    void readingAMissingOrderIsNotFound() {
        when(fixture.repository.find(8)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.get(ADMIN, 8));
    }

    @Test
    void otherContextsSeeASummaryOfAnOrder() {
        when(fixture.repository.find(5)).thenReturn(Optional.of(cancelled(5, order, 2)));
        when(fixture.repository.find(6)).thenReturn(Optional.empty());

        var summary = fixture.service.find(5).orElseThrow();
        assertEquals(OrderStatus.CANCELLED, summary.status());
        assertEquals(order.total(), summary.total());
        assertTrue(fixture.service.find(6).isEmpty());
    }
}
