package dev.cleave.user.domain;

import java.util.Optional;

import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.domain.UserServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Deleting a user, with and without the version the client saw; telling "not there" from "changed since".
 */
class DeletingAUserTest {
    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void withoutAnExpectedVersionAnyVersionIsDeleted() {
        when(fixture.users.delete(7, null)).thenReturn(true);

        assertDoesNotThrow(() -> fixture.service.delete(7, Optional.empty()));
        verify(fixture.users).delete(7, null);
        verify(fixture.users, never()).find(anyLong());
    }

    @Test
    void theExpectedVersionIsHandedToTheRepository() {
        when(fixture.users.delete(7, 3L)).thenReturn(true);

        assertDoesNotThrow(() -> fixture.service.delete(7, Optional.of(3L)));
        verify(fixture.users).delete(7, 3L);
    }

    @Test
    void anUnknownUserIsNotFound() {
        when(fixture.users.delete(7, null)).thenReturn(false);
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.delete(7, Optional.empty()));
    }

    @Test
    void anUnknownUserIsNotFoundEvenWithAnExpectedVersion() {
        when(fixture.users.delete(7, 3L)).thenReturn(false);
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.delete(7, Optional.of(3L)));
    }

    @Test
    void aUserAtAnotherVersionFailsThePrecondition() {
        when(fixture.users.delete(7, 2L)).thenReturn(false);
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                                                     () -> fixture.service.delete(7, Optional.of(2L)));

        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
    }
}
