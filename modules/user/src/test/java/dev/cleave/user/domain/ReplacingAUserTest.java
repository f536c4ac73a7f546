package dev.cleave.user.domain;

import java.util.Optional;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.PreconditionFailedException;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.domain.UserServiceFixture.ADMIN;
import static dev.cleave.user.domain.UserServiceFixture.NOW;
import static dev.cleave.user.domain.UserServiceFixture.details;
import static dev.cleave.user.domain.UserServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Replacing a user's details: optimistic concurrency with the client's If-Match version; without one, the change
 * applies to whatever version is current.
 */
class ReplacingAUserTest {
    private static final UserDetails GRACE = details("Grace Hopper", "grace@example.com");

    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void withoutAnExpectedVersionWhateverVersionIsCurrentIsReplaced() {
        User changed = user(7, 4, GRACE, NOW);
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));
        when(fixture.users.update(7, null, GRACE, NOW)).thenReturn(Optional.of(changed));

        assertSame(changed, fixture.service.replace(ADMIN, 7, Optional.empty(), GRACE));
        verify(fixture.users).update(7, null, GRACE, NOW);
    }

    @Test
    void theExpectedVersionIsReplacedWhenItIsCurrent() {
        User changed = user(7, 4, GRACE, NOW);
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));
        when(fixture.users.update(7, 3L, GRACE, NOW)).thenReturn(Optional.of(changed));

        assertSame(changed, fixture.service.replace(ADMIN, 7, Optional.of(3L), GRACE));
    }

    @Test
    void anExpectedVersionThatIsNotCurrentFailsThePrecondition() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                                                     () -> fixture.service.replace(ADMIN, 7, Optional.of(2L), GRACE));

        assertTrue(e.getMessage().contains("version 3"), e.getMessage());
        verify(fixture.users, never()).update(anyLong(), any(), any(), any());
    }

    @Test
    void anExpectedVersionNoUserCanHaveFailsThePrecondition() {
        // ETags answers -1 for an If-Match that cannot match, such as a weak tag.
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 1)));

        assertThrows(PreconditionFailedException.class,
                     () -> fixture.service.replace(ADMIN, 7, Optional.of(-1L), GRACE));
        verify(fixture.users, never()).update(anyLong(), any(), any(), any());
    }

    @Test
    void anUnknownUserIsNotFound() {
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.replace(ADMIN, 7, Optional.empty(), GRACE));
        assertThrows(NotFoundException.class, () -> fixture.service.replace(ADMIN, 7, Optional.of(1L), GRACE));
        verify(fixture.users, never()).update(anyLong(), any(), any(), any());
    }

    @Test
    void withAnExpectedVersionALostRaceFailsThePreconditionAtOnce() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)), Optional.of(user(7, 4)));
        when(fixture.users.update(7, 3L, GRACE, NOW)).thenReturn(Optional.empty());

        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                                                     () -> fixture.service.replace(ADMIN, 7, Optional.of(3L), GRACE));

        assertTrue(e.getMessage().contains("version 4"), e.getMessage());
        verify(fixture.users, times(1)).update(anyLong(), any(), any(), any());
    }

    @Test
    void withoutAnExpectedVersionTheChangeIsOneWriteThatNoConcurrentChangeCanFail() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));
        when(fixture.users.update(7, null, GRACE, NOW)).thenReturn(Optional.of(user(7, 9, GRACE, NOW)));

        assertEquals(9, fixture.service.replace(ADMIN, 7, Optional.empty(), GRACE).version());
        verify(fixture.users, times(1)).update(anyLong(), any(), any(), any());
    }

    @Test
    void aUserDeletedDuringTheChangeIsNotFound() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)), Optional.empty());
        when(fixture.users.update(7, null, GRACE, NOW)).thenReturn(Optional.empty());

        assertThrows(NotFoundException.class, () -> fixture.service.replace(ADMIN, 7, Optional.empty(), GRACE));
        verify(fixture.events, never()).publish(any());
    }

    @Test
    void anEmailTakenByAnotherUserIsAConflict() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));
        when(fixture.users.update(7, null, GRACE, NOW))
                .thenThrow(new ConflictException("A user with email grace@example.com already exists."));

        assertThrows(ConflictException.class, () -> fixture.service.replace(ADMIN, 7, Optional.empty(), GRACE));
        verify(fixture.users, times(1)).update(anyLong(), any(), any(), any());
    }
}
