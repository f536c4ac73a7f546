package dev.cleave.order.domain;

import java.util.List;
import java.util.Optional;

import dev.cleave.order.api.OrderCancelled;
import dev.cleave.order.api.OrderPlaced;
import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.Slice;
import dev.cleave.platform.api.UnprocessableException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static dev.cleave.order.api.CancellationReason.CUSTOMER_REQUEST;
import static dev.cleave.order.domain.NewOrderFixture.anOrderFor;
import static dev.cleave.order.domain.NewOrderFixture.cancelled;
import static dev.cleave.order.domain.NewOrderFixture.placed;
import static dev.cleave.order.domain.OrderServiceFixture.ADMIN;
import static dev.cleave.order.domain.OrderServiceFixture.NOW;
import static dev.cleave.order.domain.OrderServiceFixture.OWNER;
import static dev.cleave.order.domain.OrderServiceFixture.STRANGER;
import static dev.cleave.order.domain.OrderServiceFixture.ownedUser;
import static dev.cleave.order.domain.OrderServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The ownership rules for orders live in the use cases, so no adapter can skip them: a customer orders only for the
 * user it owns, reads, lists and cancels only its own orders, and someone else's order answers exactly like a
 * missing one; each order remembers who placed it and each event who acted.
 */
class KeepingCustomersToTheirOwnOrdersTest {
    private final OrderServiceFixture fixture = new OrderServiceFixture();
    private final NewOrder order = anOrderFor(7);

    @Test
    void aCustomersOrderForItsOwnUserIsOwnedByItAndNamesItAsTheActor() {
        Order stored = placed(100, order, 1, OWNER.subject());
        when(fixture.directory.find(7)).thenReturn(Optional.of(ownedUser(7)));
        when(fixture.repository.insert(order, OWNER.subject(), OWNER.subject(), NOW)).thenReturn(stored);

        assertSame(stored, fixture.service.place(OWNER, fixture.service.verify(OWNER, order)));

        ArgumentCaptor<DomainEvent> published = ArgumentCaptor.forClass(DomainEvent.class);
        verify(fixture.events).publish(published.capture());
        assertEquals(OWNER.subject(), assertInstanceOf(OrderPlaced.class, published.getValue()).actor());
    }

    @Test
    void anAdminsOrderForACustomersUserBelongsToThatCustomer() {
        when(fixture.directory.find(7)).thenReturn(Optional.of(ownedUser(7)));
        when(fixture.repository.insert(any(), any(), any(), any())).thenReturn(placed(100, order, 1, OWNER.subject()));

        fixture.service.place(ADMIN, fixture.service.verify(ADMIN, order));

        verify(fixture.repository).insert(order, OWNER.subject(), ADMIN.subject(), NOW);
    }

    @Test
    void orderingForSomeoneElsesUserIsRefusedLikeAnUnknownUser() {
        when(fixture.directory.find(7)).thenReturn(Optional.of(ownedUser(7)));
        when(fixture.directory.find(8)).thenReturn(Optional.empty());

        UnprocessableException someoneElses = assertThrows(UnprocessableException.class,
                                                           () -> fixture.service.verify(STRANGER, order));
        UnprocessableException missing = assertThrows(UnprocessableException.class,
                                                      () -> fixture.service.verify(STRANGER, anOrderFor(8)));

        assertEquals(missing.getMessage().replace("8", "7"), someoneElses.getMessage());
    }

    @Test
    void aCustomerCannotOrderForAUserNoCustomerOwns() {
        when(fixture.directory.find(7)).thenReturn(Optional.of(user(7)));

        assertThrows(UnprocessableException.class, () -> fixture.service.verify(OWNER, order));
    }

    @Test
    void anotherCustomersOrderIsNotFoundAndStaysPlaced() {
        when(fixture.repository.find(5)).thenReturn(Optional.of(placed(5, order, 1, OWNER.subject())));

        NotFoundException read = assertThrows(NotFoundException.class, () -> fixture.service.get(STRANGER, 5));
        NotFoundException cancel = assertThrows(NotFoundException.class,
                                                () -> fixture.service.cancel(STRANGER, 5, Optional.empty()));

        assertEquals("No order with id 5.", read.getMessage());
        assertEquals(read.getMessage(), cancel.getMessage());
        verify(fixture.repository, never()).cancel(anyLong(), any(), any(), any());
        verifyNoInteractions(fixture.events);
    }

    @Test
    void theOwnerCancelsItsOrderAndTheEventNamesIt() {
        Order done = cancelled(5, order, 2, OWNER.subject());
        when(fixture.repository.find(5)).thenReturn(Optional.of(placed(5, order, 1, OWNER.subject())));
        when(fixture.repository.cancel(5, null, CUSTOMER_REQUEST, NOW)).thenReturn(Optional.of(done));

        assertSame(done, fixture.service.cancel(OWNER, 5, Optional.empty()));

        ArgumentCaptor<DomainEvent> published = ArgumentCaptor.forClass(DomainEvent.class);
        verify(fixture.events).publish(published.capture());
        assertEquals(OWNER.subject(), assertInstanceOf(OrderCancelled.class, published.getValue()).actor());
    }

    @Test
    void aCustomersListingIsFilteredToItsOwnOrdersAndAnAdminsIsNot() {
        Slice<Order> page = new Slice<>(List.of(), false);
        when(fixture.repository.list(7L, OWNER.subject(), null, null, 20)).thenReturn(page);
        when(fixture.repository.list(7L, null, null, null, 20)).thenReturn(page);

        assertSame(page, fixture.service.list(OWNER, 7L, null, null, 20));
        assertSame(page, fixture.service.list(ADMIN, 7L, null, null, 20));

        verify(fixture.repository).list(7L, OWNER.subject(), null, null, 20);
        verify(fixture.repository).list(7L, null, null, null, 20);
    }
}
