package dev.cleave.user.domain;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.DomainEvent;
import dev.cleave.user.api.UserRegistered;
import org.mockito.ArgumentCaptor;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.domain.UserServiceFixture.ADMIN;
import static dev.cleave.user.domain.UserServiceFixture.NOW;
import static dev.cleave.user.domain.UserServiceFixture.OWNER;
import static dev.cleave.user.domain.UserServiceFixture.ada;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/**
 * Registering stores the checked details at the current time, to the millisecond, and hands back what was stored;
 * a customer's registration is the user it owns, an admin's belongs to no customer.
 */
class RegisteringAUserTest {
    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void theUserIsStoredAtTheCurrentTimeToTheMillisecond() {
        User stored = new User(1, "Ada Lovelace", "ada@example.com", null, ADMIN.subject(), NOW, NOW, 1);
        when(fixture.users.insert(ada(), null, ADMIN.subject(), NOW)).thenReturn(stored);

        User registered = fixture.service.register(ADMIN, ada());

        assertSame(stored, registered);
        verify(fixture.users).insert(ada(), null, ADMIN.subject(), NOW);
        verifyNoMoreInteractions(fixture.users);
    }

    @Test
    void aCustomersRegistrationIsTheUserItOwns() {
        User stored = new User(1, "Ada Lovelace", "ada@example.com", OWNER.subject(), OWNER.subject(), NOW, NOW, 1);
        when(fixture.users.insert(ada(), OWNER.subject(), OWNER.subject(), NOW)).thenReturn(stored);

        assertSame(stored, fixture.service.register(OWNER, ada()));

        verify(fixture.users).insert(ada(), OWNER.subject(), OWNER.subject(), NOW);
    }

    @Test
    void theEventNamesWhoRegisteredTheUser() {
        User stored = new User(1, "Ada Lovelace", "ada@example.com", OWNER.subject(), OWNER.subject(), NOW, NOW, 1);
        when(fixture.users.insert(any(), any(), any(), any())).thenReturn(stored);

        fixture.service.register(OWNER, ada());

        ArgumentCaptor<DomainEvent> published = ArgumentCaptor.forClass(DomainEvent.class);
        verify(fixture.events).publish(published.capture());
        UserRegistered registered = assertInstanceOf(UserRegistered.class, published.getValue());
        assertEquals(OWNER.subject(), registered.actor());
    }

    @Test
    void aTakenEmailIsAConflict() {
        ConflictException taken = new ConflictException("A user with email ada@example.com already exists.");
        when(fixture.users.insert(any(), any(), any(), any())).thenThrow(taken);

        ConflictException e = assertThrows(ConflictException.class, () -> fixture.service.register(ADMIN, ada()));

        assertEquals(taken.getMessage(), e.getMessage());
    }
}
