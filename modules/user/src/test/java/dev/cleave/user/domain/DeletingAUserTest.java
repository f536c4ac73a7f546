package dev.cleave.user.domain;

import java.util.Optional;
import java.util.OptionalLong;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import dev.cleave.user.api.UserDeleted;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static dev.cleave.user.domain.UserServiceFixture.ADMIN;
import static dev.cleave.user.domain.UserServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Deleting a user, with and without the version the client saw; telling "not there" from "changed since", which
 * only a deletion that named a version can be.
 */
class DeletingAUserTest {
    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void withoutAnExpectedVersionTheCurrentVersionIsDeletedAndTheDeletionPublished() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 4)));
        when(fixture.users.delete(7, null)).thenReturn(OptionalLong.of(4));

        assertDoesNotThrow(() -> fixture.service.delete(ADMIN, 7, Optional.empty()));
        verify(fixture.users).delete(7, null);
        ArgumentCaptor<DomainEvent> published = ArgumentCaptor.forClass(DomainEvent.class);
        verify(fixture.events).publish(published.capture());
        UserDeleted deleted = assertInstanceOf(UserDeleted.class, published.getValue());
        assertEquals(7, deleted.userId());
        assertEquals(5, deleted.version());
        assertEquals(UserServiceFixture.NOW, deleted.occurredAt());
    }

    @Test
    void theExpectedVersionIsHandedToTheRepository() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));
        when(fixture.users.delete(7, 3L)).thenReturn(OptionalLong.of(3));

        assertDoesNotThrow(() -> fixture.service.delete(ADMIN, 7, Optional.of(3L)));
        verify(fixture.users).delete(7, 3L);
    }

    @Test
    void withoutAnExpectedVersionAUserChangedBetweenReadingAndDeletingIsDeletedAtItsNewVersion() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));
        // A replace committed after the read: the repository deleted version 4, not the 3 that was read.
        when(fixture.users.delete(7, null)).thenReturn(OptionalLong.of(4));

        assertDoesNotThrow(() -> fixture.service.delete(ADMIN, 7, Optional.empty()));
        ArgumentCaptor<DomainEvent> published = ArgumentCaptor.forClass(DomainEvent.class);
        verify(fixture.events).publish(published.capture());
        assertEquals(5, assertInstanceOf(UserDeleted.class, published.getValue()).version());
    }

    @Test
    void withoutAnExpectedVersionAUserDeletedBetweenReadingAndDeletingIsNotFound() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)), Optional.empty());
        when(fixture.users.delete(7, null)).thenReturn(OptionalLong.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.delete(ADMIN, 7, Optional.empty()));
        verify(fixture.events, never()).publish(any());
    }

    @Test
    void withAnExpectedVersionAUserChangedBetweenReadingAndDeletingFailsThePreconditionAndPublishesNothing() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)), Optional.of(user(7, 4)));
        when(fixture.users.delete(7, 3L)).thenReturn(OptionalLong.empty());

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                                                     () -> fixture.service.delete(ADMIN, 7, Optional.of(3L)));

        assertTrue(e.getMessage().contains("version 4"), e.getMessage());
        verify(fixture.events, never()).publish(any());
    }

    @Test
    void anUnknownUserIsNotFound() {
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.delete(ADMIN, 7, Optional.empty()));
    }

    @Test
    void anUnknownUserIsNotFoundEvenWithAnExpectedVersion() {
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.delete(ADMIN, 7, Optional.of(3L)));
    }

    @Test
    void aUserAtAnotherVersionFailsThePrecondition() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                                                     () -> fixture.service.delete(ADMIN, 7, Optional.of(2L)));

        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    }
}
