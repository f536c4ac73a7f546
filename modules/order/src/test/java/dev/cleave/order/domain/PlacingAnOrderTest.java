package dev.cleave.order.domain;

import java.time.Duration;
import java.util.Optional;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.api.UnprocessableException;
import org.junit.jupiter.api.Test;

import static dev.cleave.order.domain.NewOrderFixture.anOrderFor;
import static dev.cleave.order.domain.NewOrderFixture.placed;
import static dev.cleave.order.domain.OrderServiceFixture.ADMIN;
import static dev.cleave.order.domain.OrderServiceFixture.NOW;
import static dev.cleave.order.domain.OrderServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Placing an order asks the user context's directory whether the user exists ({@link OrderService#verify}), then
 * stores it ({@link OrderService#place}) unless the user was deleted in between.
 */
class PlacingAnOrderTest {
    private final OrderServiceFixture fixture = new OrderServiceFixture();

    @Test
    void anOrderForAnUnknownUserIsUnprocessableAndNothingIsStored() {
        NewOrder order = anOrderFor(42);
        when(fixture.directory.find(42)).thenReturn(Optional.empty());

        UnprocessableException e = assertThrows(UnprocessableException.class,
                                                () -> fixture.service.verify(ADMIN, order));

        assertTrue(e.getMessage().contains("42"), e.getMessage());
        verify(fixture.directory).find(42);
        verify(fixture.repository, never()).insert(any(), any(), any(), any());
    }

    @Test
    void anOrderForAKnownUserIsStoredAtTheCurrentTimeInMilliseconds() {
        NewOrder order = anOrderFor(7);
        Order stored = placed(100, order, 1);
        when(fixture.directory.find(7)).thenReturn(Optional.of(user(7)));
        when(fixture.repository.insert(order, null, ADMIN.subject(), NOW)).thenReturn(stored);

        Order result = fixture.service.place(ADMIN, fixture.service.verify(ADMIN, order));

        assertSame(stored, result);
        verify(fixture.repository).insert(order, null, ADMIN.subject(), NOW);
    }

    @Test
    void anOrderForAUserDeletedSinceTheDirectoryAnsweredIsUnprocessableAndNothingIsStored() {
        NewOrder order = anOrderFor(7);
        when(fixture.directory.find(7)).thenReturn(Optional.of(user(7)));
        when(fixture.repository.isUserDeleted(7)).thenReturn(true);

        VerifiedOrder verified = fixture.service.verify(ADMIN, order);
        UnprocessableException e = assertThrows(UnprocessableException.class,
                                                () -> fixture.service.place(ADMIN, verified));

        assertTrue(e.getMessage().contains("7"), e.getMessage());
        verify(fixture.repository, never()).insert(any(), any(), any(), any());
        verify(fixture.events, never()).publish(any());
    }

    @Test
    void aDirectoryThatCannotAnswerFailsThePlacementAndNothingIsStored() {
        NewOrder order = anOrderFor(7);
        UnavailableException down = new UnavailableException("The user directory is down.", Duration.ofSeconds(5),
                                                              null);
        when(fixture.directory.find(7)).thenThrow(down);

        UnavailableException e = assertThrows(UnavailableException.class, () -> fixture.service.verify(ADMIN, order));

        assertSame(down, e);
        assertEquals(Duration.ofSeconds(5), e.retryAfter());
        verify(fixture.repository, never()).insert(any(), any(), any(), any());
    }
}
