package dev.cleave.user.domain;

import dev.cleave.platform.api.ConflictException;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.domain.UserServiceFixture.NOW;
import static dev.cleave.user.domain.UserServiceFixture.ada;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/**
 * Registering stores the checked details at the current time, to the millisecond, and hands back what was stored.
 */
class RegisteringAUserTest {
    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void theUserIsStoredAtTheCurrentTimeToTheMillisecond() {
        User stored = new User(1, "Ada Lovelace", "ada@example.com", NOW, NOW, 1);
        when(fixture.users.insert(ada(), NOW)).thenReturn(stored);

        User registered = fixture.service.register(ada());

        assertSame(stored, registered);
        verify(fixture.users).insert(ada(), NOW);
        verifyNoMoreInteractions(fixture.users);
    }

    @Test
    void aTakenEmailIsAConflict() {
        ConflictException taken = new ConflictException("A user with email ada@example.com already exists.");
        when(fixture.users.insert(any(), any())).thenThrow(taken);

        ConflictException e = assertThrows(ConflictException.class, () -> fixture.service.register(ada()));

        assertEquals(taken.getMessage(), e.getMessage());
    }
}
