package dev.cleave.order.wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.cleave.order.domain.OrderRepository;
import dev.cleave.order.domain.OrderService;
import dev.cleave.platform.api.EventPublisher;
import dev.cleave.platform.testing.InlineTransactions;
import dev.cleave.user.api.UserDirectory;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.api.CancellationReason.USER_DELETED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The sweep runs on its own while the context runs, goes on after a failed round, and stops when closed.
 */
class SweepingUpOrdersOfDeletedUsersTest {
    private final OrderRepository repository = mock(OrderRepository.class);
    private final OrderService service = new OrderService(repository, mock(UserDirectory.class), new InlineTransactions(),
                                                          mock(EventPublisher.class), Clock.systemUTC());

    @Test
    void theSweepCancelsTheOrdersOfDeletedUsersAndStopsWhenClosed() throws InterruptedException {
        when(repository.deletedUsersWithPlacedOrders()).thenReturn(List.of(4L), List.of());

        try (DeletionSweep sweep = DeletionSweep.start(service, Duration.ofMillis(20))) {
            verify(repository, timeout(5_000)).cancelPlacedOrdersOf(eq(4L), eq(USER_DELETED), any());
        }
        int calls = mockingDetails(repository).getInvocations().size();
        Thread.sleep(200);

        assertEquals(calls, mockingDetails(repository).getInvocations().size(), "no round after close");
    }

    @Test
    void aFailedRoundDoesNotStopTheSweep() {
        when(repository.deletedUsersWithPlacedOrders())
                .thenThrow(new IllegalStateException("the database is away"))
                .thenReturn(List.of(7L), List.of());

        try (DeletionSweep sweep = DeletionSweep.start(service, Duration.ofMillis(20))) {
            verify(repository, timeout(5_000)).cancelPlacedOrdersOf(eq(7L), eq(USER_DELETED), any());
        }
    }
}
