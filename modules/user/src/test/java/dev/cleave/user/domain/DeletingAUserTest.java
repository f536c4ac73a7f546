package dev.cleave.user.domain;

import java.util.Optional;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import dev.cleave.user.api.UserDeleted;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static dev.cleave.user.domain.UserServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Deleting a user, with and without the version the client saw; telling "not there" from "changed since".
 */
class DeletingAUserTest {
    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void withoutAnExpectedVersionTheCurrentVersionIsDeletedAndTheDeletionPublished() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 4)));
        when(fixture.users.delete(7, 4L)).thenReturn(true);

        assertDoesNotThrow(() -> fixture.service.delete(7, Optional.empty()));
        verify(fixture.users).delete(7, 4L);
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
        when(fixture.users.delete(7, 3L)).thenReturn(true);

        assertDoesNotThrow(() -> fixture.service.delete(7, Optional.of(3L)));
        verify(fixture.users).delete(7, 3L);
    }

    @Test
    void aUserChangedBetweenReadingAndDeletingFailsThePreconditionAndPublishesNothing() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)), Optional.of(user(7, 4)));
        when(fixture.users.delete(7, 3L)).thenReturn(false);

        assertThrows(PreconditionFailedException.class, () -> fixture.service.delete(7, Optional.empty()));
        verify(fixture.events, never()).publish(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void anUnknownUserIsNotFound() {
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.delete(7, Optional.empty()));
    }

    @Test
    void anUnknownUserIsNotFoundEvenWithAnExpectedVersion() {
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.delete(7, Optional.of(3L)));
    }

    @Test
    void aUserAtAnotherVersionFailsThePrecondition() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                                                     () -> fixture.service.delete(7, Optional.of(2L)));

        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    }
}
