package dev.cleave.user.domain;

import java.util.Optional;
import java.util.OptionalLong;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.api.ForbiddenException;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.user.api.UserDeleted;
import dev.cleave.user.api.UserUpdated;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static dev.cleave.user.domain.UserServiceFixture.ADMIN;
import static dev.cleave.user.domain.UserServiceFixture.NOW;
import static dev.cleave.user.domain.UserServiceFixture.OWNER;
import static dev.cleave.user.domain.UserServiceFixture.SERVICE;
import static dev.cleave.user.domain.UserServiceFixture.STRANGER;
import static dev.cleave.user.domain.UserServiceFixture.details;
import static dev.cleave.user.domain.UserServiceFixture.owned;
import static dev.cleave.user.domain.UserServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The ownership rules live in the use cases, so no adapter can skip them: a customer sees and changes only the user
 * it owns, someone else's answers exactly like one that does not exist, listing everyone is for admins, and another
 * service may read any user but change none.
 */
class KeepingCustomersToTheirOwnUserTest {
    private static final UserDetails GRACE = details("Grace Hopper", "grace@example.com");

    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void theOwnerReadsReplacesAndDeletesItsUser() {
        when(fixture.users.find(7)).thenReturn(Optional.of(owned(7, 1)));
        User changed = new User(7, GRACE.name(), GRACE.email(), OWNER.subject(), OWNER.subject(), NOW, NOW, 2);
        when(fixture.users.update(7, null, GRACE, NOW)).thenReturn(Optional.of(changed));
        when(fixture.users.delete(7, null)).thenReturn(OptionalLong.of(2));

        assertEquals(owned(7, 1), fixture.service.get(OWNER, 7));
        assertSame(changed, fixture.service.replace(OWNER, 7, Optional.empty(), GRACE));
        fixture.service.delete(OWNER, 7, Optional.empty());

        verify(fixture.users).delete(7, null);
    }

    @Test
    void anotherCustomersUserIsNotFoundExactlyLikeOneThatDoesNotExist() {
        when(fixture.users.find(7)).thenReturn(Optional.of(owned(7, 1)));
        when(fixture.users.find(8)).thenReturn(Optional.empty());

        NotFoundException someoneElses = assertThrows(NotFoundException.class, () -> fixture.service.get(STRANGER, 7));
        NotFoundException missing = assertThrows(NotFoundException.class, () -> fixture.service.get(STRANGER, 8));

        assertEquals(missing.getMessage().replace("8", "7"), someoneElses.getMessage());
    }

    @Test
    void anotherCustomerCannotReplaceOrDeleteTheUser() {
        when(fixture.users.find(7)).thenReturn(Optional.of(owned(7, 1)));

        assertThrows(NotFoundException.class, () -> fixture.service.replace(STRANGER, 7, Optional.empty(), GRACE));
        assertThrows(NotFoundException.class, () -> fixture.service.delete(STRANGER, 7, Optional.of(1L)));

        verify(fixture.users, never()).update(anyLong(), any(), any(), any());
        verify(fixture.users, never()).delete(anyLong(), any());
        verifyNoInteractions(fixture.events);
    }

    @Test
    void aUserAnAdminRegisteredIsNoCustomersToSee() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 1)));

        assertThrows(NotFoundException.class, () -> fixture.service.get(OWNER, 7));
        assertEquals(user(7, 1), fixture.service.get(ADMIN, 7));
    }

    @Test
    void anAdminChangesAnyCustomersUserAndTheEventsNameTheAdmin() {
        when(fixture.users.find(7)).thenReturn(Optional.of(owned(7, 1)));
        User changed = new User(7, GRACE.name(), GRACE.email(), OWNER.subject(), OWNER.subject(), NOW, NOW, 2);
        when(fixture.users.update(7, null, GRACE, NOW)).thenReturn(Optional.of(changed));
        when(fixture.users.delete(7, null)).thenReturn(OptionalLong.of(2));

        fixture.service.replace(ADMIN, 7, Optional.empty(), GRACE);
        fixture.service.delete(ADMIN, 7, Optional.empty());

        ArgumentCaptor<DomainEvent> published = ArgumentCaptor.forClass(DomainEvent.class);
        verify(fixture.events, times(2)).publish(published.capture());
        assertEquals(ADMIN.subject(), assertInstanceOf(UserUpdated.class, published.getAllValues().get(0)).actor());
        assertEquals(ADMIN.subject(), assertInstanceOf(UserDeleted.class, published.getAllValues().get(1)).actor());
    }

    @Test
    void listingEveryUserIsForAdminsOnly() {
        assertThrows(ForbiddenException.class, () -> fixture.service.list(OWNER, null, 20));
        assertThrows(ForbiddenException.class, () -> fixture.service.list(SERVICE, null, 20));

        verify(fixture.users, never()).list(any(), anyInt());
    }

    @Test
    void anotherServiceReadsAnyUserButChangesNone() {
        when(fixture.users.find(7)).thenReturn(Optional.of(owned(7, 1)));

        assertEquals(owned(7, 1), fixture.service.get(SERVICE, 7));
        assertThrows(NotFoundException.class, () -> fixture.service.replace(SERVICE, 7, Optional.empty(), GRACE));
        assertThrows(NotFoundException.class, () -> fixture.service.delete(SERVICE, 7, Optional.empty()));

        verifyNoInteractions(fixture.events);
    }
}
