package dev.cleave.user.adapter.persistence;

import java.util.ArrayList;
import java.util.List;

import dev.cleave.platform.api.Slice;
import dev.cleave.user.domain.User;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Listing pages through users in ascending id order and says whether more follow.
 *
 * <p>The cases; {@link ListingStoredUsersOnH2Test} and {@link ListingStoredUsersOnPostgresTest} run them on each
 * database the context supports.
 */
abstract class AbstractListingStoredUsersTest extends UserDatabaseTest {
    @Test
    void anEmptyTableListsNothing() {
        Slice<User> page = db.users.list(null, 20);

        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }

    @Test
    void pagesFollowEachOtherInAscendingIdOrder() {
        List<User> stored = insert(5);

        Slice<User> first = db.users.list(null, 2);
        Slice<User> second = db.users.list(first.items().getLast().id(), 2);
        Slice<User> third = db.users.list(second.items().getLast().id(), 2);

        assertEquals(stored.subList(0, 2), first.items());
        assertTrue(first.hasMore());
        assertEquals(stored.subList(2, 4), second.items());
        assertTrue(second.hasMore());
        assertEquals(stored.subList(4, 5), third.items());
        assertFalse(third.hasMore());
    }

    @Test
    void aPageExactlyAsLargeAsWhatIsLeftHasNoMore() {
        List<User> stored = insert(3);

        Slice<User> page = db.users.list(null, 3);

        assertEquals(stored, page.items());
        assertFalse(page.hasMore());
    }

    @Test
    void aPageSmallerThanWhatIsLeftHasMore() {
        List<User> stored = insert(3);

        Slice<User> page = db.users.list(null, 1);

        assertEquals(List.of(stored.getFirst()), page.items());
        assertTrue(page.hasMore());
    }

    @Test
    void listingAfterTheLastIdListsNothing() {
        List<User> stored = insert(2);

        Slice<User> page = db.users.list(stored.getLast().id(), 5);

        assertTrue(page.items().isEmpty());
        assertFalse(page.hasMore());
    }

    @Test
    void listingSkipsDeletedUsers() {
        List<User> stored = insert(3);
        db.users.delete(stored.get(1).id(), null);

        assertEquals(List.of(stored.get(0), stored.get(2)), db.users.list(null, 10).items());
    }

    @Test
    void listingAfterAnIdBetweenUsersStartsAtTheNextOne() {
        List<User> stored = insert(3);
        db.users.delete(stored.get(1).id(), null);

        Slice<User> page = db.users.list(stored.get(1).id(), 10);

        assertEquals(List.of(stored.get(2)), page.items());
    }

    @Test
    void followingPagesVisitsEveryUserOnce() {
        List<User> stored = insert(23);
        List<User> seen = new ArrayList<>();
        Long after = null;
        Slice<User> page;
        do {
            page = db.users.list(after, 4);
            seen.addAll(page.items());
            after = page.items().isEmpty() ? after : page.items().getLast().id();
        } while (page.hasMore());

        assertEquals(stored, seen);
    }

    private List<User> insert(int count) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(db.insert("User " + i, "user" + i + "@example.com"));
        }
        return users;
    }
}
