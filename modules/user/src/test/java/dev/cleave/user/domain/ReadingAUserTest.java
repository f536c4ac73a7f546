package dev.cleave.user.domain;

import java.util.List;
import java.util.Optional;

import dev.cleave.platform.api.NotFoundException;
import dev.cleave.platform.api.Slice;
import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.UserSummary;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.domain.UserServiceFixture.ADMIN;
import static dev.cleave.user.domain.UserServiceFixture.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Reading one user, listing users, and another context looking a user up through {@link UserDirectory}.
 */
class ReadingAUserTest {
    private final UserServiceFixture fixture = new UserServiceFixture();

    @Test
    void aCurrentUserIsReturned() {
        User ada = user(7, 3);
        when(fixture.users.find(7)).thenReturn(Optional.of(ada));

        assertSame(ada, fixture.service.get(ADMIN, 7));
    }

    @Test
    void anUnknownUserIsNotFound() {
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        NotFoundException e = assertThrows(NotFoundException.class, () -> fixture.service.get(ADMIN, 7));

        assertEquals("No user with id 7.", e.getMessage());
    }

    @Test
    void anotherContextSeesASummaryOfACurrentUser() {
        when(fixture.users.find(7)).thenReturn(Optional.of(user(7, 3)));
        UserDirectory directory = fixture.service;

        assertEquals(Optional.of(new UserSummary(7, "Ada Lovelace", "ada@example.com", null)), directory.find(7));
    }

    @Test
    void anotherContextFindsNoUnknownUser() {
        when(fixture.users.find(7)).thenReturn(Optional.empty());

        assertTrue(fixture.service.find(7).isEmpty());
    }

    @Test
    void listingHandsOnTheRepositoryPage() {
        Slice<User> page = new Slice<>(List.of(user(4, 1), user(5, 2)), true);
        when(fixture.users.list(3L, 2)).thenReturn(page);

        assertSame(page, fixture.service.list(ADMIN, 3L, 2));
        verify(fixture.users).list(3L, 2);
    }

    @Test
    void listingFromTheStartPassesNoId() {
        Slice<User> page = new Slice<>(List.of(), false);
        when(fixture.users.list(null, 20)).thenReturn(page);

        assertSame(page, fixture.service.list(ADMIN, null, 20));
    }
}
