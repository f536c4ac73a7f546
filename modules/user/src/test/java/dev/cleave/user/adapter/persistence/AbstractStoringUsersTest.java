package dev.cleave.user.adapter.persistence;

import java.util.Optional;
import java.util.OptionalLong;

import dev.cleave.platform.api.ConflictException;
import dev.cleave.platform.persistence.DataAccessException;
import dev.cleave.user.domain.User;
import dev.cleave.user.domain.UserDetails;
import org.junit.jupiter.api.Test;

import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.ADMIN;
import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.T0;
import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.T1;
import static dev.cleave.user.adapter.persistence.UserDatabaseFixture.details;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JdbcUserRepository} on a real database: inserting, finding, updating with a version check, deleting, and
 * the unique email the table enforces.
 *
 * <p>The cases; {@link StoringUsersOnH2Test} and {@link StoringUsersOnPostgresTest} run them on each database the
 * context supports.
 */
abstract class AbstractStoringUsersTest extends UserDatabaseTest {
    /** Opens the same user database again, as a restart does. */
    abstract UserDatabaseFixture reopen();

    @Test
    void theTableRefusesAUserWithoutAName() {
        // Checks the NOT NULL constraints survive every migration of the columns.
        assertThrows(DataAccessException.class,
                     () -> db.users.insert(new UserDetails(null, "ada@example.com"), null, ADMIN.subject(), T0));
        assertThrows(DataAccessException.class,
                     () -> db.users.insert(new UserDetails("Ada", null), null, ADMIN.subject(), T0));
        assertTrue(db.users.list(null, 10).items().isEmpty());
    }

    @Test
    void anInsertedUserGetsAnIdAndVersionOne() {
        User ada = db.insert("Ada Lovelace", "ada@example.com");

        assertTrue(ada.id() >= 1);
        assertEquals(new User(ada.id(), "Ada Lovelace", "ada@example.com", null, ADMIN.subject(), T0, T0, 1), ada);
    }

    @Test
    void anInsertedUserIsFoundAsItWasStored() {
        User ada = db.insert("Ada Lovelace", "ada@example.com");

        assertEquals(Optional.of(ada), db.users.find(ada.id()));
    }

    @Test
    void eachInsertGetsAGreaterId() {
        User ada = db.insert("Ada", "ada@example.com");
        User grace = db.insert("Grace", "grace@example.com");

        assertTrue(grace.id() > ada.id());
    }

    @Test
    void anUnknownIdIsNotFound() {
        db.insert("Ada", "ada@example.com");

        assertTrue(db.users.find(Long.MAX_VALUE).isEmpty());
        assertTrue(db.users.find(999).isEmpty());
    }

    @Test
    void aTakenEmailIsAConflictAndStoresNothing() {
        User ada = db.insert("Ada", "ada@example.com");

        ConflictException e = assertThrows(ConflictException.class, () -> db.insert("Impostor", "ada@example.com"));

        assertEquals("A user with email ada@example.com already exists.", e.getMessage());
        assertEquals(1, db.users.list(null, 10).items().size());
        assertEquals(Optional.of(ada), db.users.find(ada.id()));
    }

    @Test
    void aTakenEmailIsAConflictWhateverItsCase() {
        db.insert("Ada", "ada@example.com");

        assertThrows(ConflictException.class, () -> db.insert("Impostor", "ADA@Example.Com"));
        assertThrows(ConflictException.class, () -> db.insert("Impostor", "  Ada@EXAMPLE.com "));
    }

    @Test
    void theTableRefusesAnEmailThatIsNotLowerCase() {
        // The domain always lower-cases; the check constraint is the last line of defence if a path skips it.
        UserDetails unchecked = new UserDetails("Ada", "Ada@Example.com");

        assertThrows(DataAccessException.class, () -> db.users.insert(unchecked, null, ADMIN.subject(), T0));
        assertTrue(db.users.list(null, 10).items().isEmpty());
    }

    @Test
    void anUpdateChangesTheDetailsAndBumpsTheVersion() {
        User ada = db.insert("Ada", "ada@example.com");

        Optional<User> updated = db.users.update(ada.id(), 1L, details("Ada King", "ada.king@example.com"), T1);

        User expected = new User(ada.id(), "Ada King", "ada.king@example.com", null, ADMIN.subject(), T0, T1, 2);
        assertEquals(Optional.of(expected), updated);
        assertEquals(Optional.of(expected), db.users.find(ada.id()));
    }

    @Test
    void everyUpdateBumpsTheVersionAgain() {
        User ada = db.insert("Ada", "ada@example.com");

        db.users.update(ada.id(), 1L, details("Ada 2", "ada@example.com"), T1);
        Optional<User> third = db.users.update(ada.id(), 2L, details("Ada 3", "ada@example.com"), T1);

        assertEquals(3, third.orElseThrow().version());
        assertEquals("Ada 3", db.users.find(ada.id()).orElseThrow().name());
    }

    @Test
    void anUpdateMayKeepTheUsersOwnEmail() {
        User ada = db.insert("Ada", "ada@example.com");

        Optional<User> updated = db.users.update(ada.id(), 1L, details("Ada King", "ada@example.com"), T1);

        assertEquals("Ada King", updated.orElseThrow().name());
    }

    @Test
    void anUpdateBasedOnAStaleVersionChangesNothing() {
        User ada = db.insert("Ada", "ada@example.com");
        User current = db.users.update(ada.id(), 1L, details("Ada King", "ada@example.com"), T1).orElseThrow();

        Optional<User> stale = db.users.update(ada.id(), 1L, details("Someone Else", "else@example.com"), T1);

        assertTrue(stale.isEmpty());
        assertEquals(Optional.of(current), db.users.find(ada.id()));
    }

    @Test
    void anUpdateOfAnUnknownUserChangesNothing() {
        assertTrue(db.users.update(999, 1L, details("Nobody", "nobody@example.com"), T1).isEmpty());
        assertTrue(db.users.update(999, null, details("Nobody", "nobody@example.com"), T1).isEmpty());
        assertTrue(db.users.list(null, 10).items().isEmpty());
    }

    @Test
    void anUpdateWithoutAnExpectedVersionChangesWhateverVersionIsCurrent() {
        User ada = db.insert("Ada", "ada@example.com");
        db.users.update(ada.id(), 1L, details("Ada 2", "ada@example.com"), T1);

        Optional<User> updated = db.users.update(ada.id(), null, details("Ada 3", "ada@example.com"), T1);

        User expected = new User(ada.id(), "Ada 3", "ada@example.com", null, ADMIN.subject(), T0, T1, 3);
        assertEquals(Optional.of(expected), updated);
        assertEquals(updated, db.users.find(ada.id()));
    }

    @Test
    void anUpdateToAnotherUsersEmailIsAConflictAndChangesNothing() {
        db.insert("Ada", "ada@example.com");
        User grace = db.insert("Grace", "grace@example.com");

        assertThrows(ConflictException.class,
                     () -> db.users.update(grace.id(), 1L, details("Grace", "ADA@example.com"), T1));

        assertEquals(Optional.of(grace), db.users.find(grace.id()));
    }

    @Test
    void aDeletedUserIsGone() {
        User ada = db.insert("Ada", "ada@example.com");

        assertEquals(OptionalLong.of(1), db.users.delete(ada.id(), null));

        assertTrue(db.users.find(ada.id()).isEmpty());
        assertEquals(OptionalLong.empty(), db.users.delete(ada.id(), null));
    }

    @Test
    void deletingAnUnknownUserDeletesNothing() {
        User ada = db.insert("Ada", "ada@example.com");

        assertEquals(OptionalLong.empty(), db.users.delete(ada.id() + 1, null));
        assertEquals(OptionalLong.empty(), db.users.delete(ada.id() + 1, 1L));
        assertTrue(db.users.find(ada.id()).isPresent());
    }

    @Test
    void aDeleteWithoutAnExpectedVersionReportsTheVersionItDeleted() {
        User ada = db.insert("Ada", "ada@example.com");
        db.users.update(ada.id(), 1L, details("Ada King", "ada@example.com"), T1);

        assertEquals(OptionalLong.of(2), db.users.delete(ada.id(), null));
        assertTrue(db.users.find(ada.id()).isEmpty());
    }

    @Test
    void aDeleteBasedOnAStaleVersionDeletesNothing() {
        User ada = db.insert("Ada", "ada@example.com");
        db.users.update(ada.id(), 1L, details("Ada King", "ada@example.com"), T1);

        assertEquals(OptionalLong.empty(), db.users.delete(ada.id(), 1L));
        assertTrue(db.users.find(ada.id()).isPresent());

        assertEquals(OptionalLong.of(2), db.users.delete(ada.id(), 2L));
        assertTrue(db.users.find(ada.id()).isEmpty());
    }

    @Test
    void aCustomersUserRemembersItsOwnerAndWhoRegisteredIt() {
        User ada = db.insertOwned("Ada", "ada@example.com", "customer-a");

        User found = db.users.find(ada.id()).orElseThrow();
        assertEquals(Optional.of("customer-a"), found.ownedBy());
        assertEquals("customer-a", found.createdBy());
    }

    @Test
    void aCustomerOwnsAtMostOneUser() {
        db.insertOwned("Ada", "ada@example.com", "customer-a");

        ConflictException e = assertThrows(ConflictException.class,
                                           () -> db.insertOwned("Ada Again", "ada.again@example.com", "customer-a"));

        assertEquals("You already have a user record; read, replace or delete that one.", e.getMessage());
        assertEquals(1, db.users.list(null, 10).items().size());
    }

    @Test
    void usersAnAdminRegisteredBelongToNoCustomerAndDoNotClash() {
        User ada = db.insert("Ada", "ada@example.com");
        User grace = db.insert("Grace", "grace@example.com");

        assertTrue(db.users.find(ada.id()).orElseThrow().ownedBy().isEmpty());
        assertTrue(db.users.find(grace.id()).orElseThrow().ownedBy().isEmpty());
    }

    @Test
    void aCustomerWhoseUserWasDeletedMayRegisterAgain() {
        User ada = db.insertOwned("Ada", "ada@example.com", "customer-a");
        db.users.delete(ada.id(), null);

        User again = db.insertOwned("Ada", "ada@example.com", "customer-a");

        assertEquals(Optional.of("customer-a"), db.users.find(again.id()).orElseThrow().ownedBy());
    }

    @Test
    void aDeletedUsersEmailMayRegisterAgain() {
        User ada = db.insert("Ada", "ada@example.com");
        db.users.delete(ada.id(), null);

        User again = db.insert("Ada Again", "ada@example.com");

        assertTrue(again.id() > ada.id());
        assertEquals(Optional.of(again), db.users.find(again.id()));
    }

    @Test
    void theLongestNameAndEmailTheDomainAcceptsFitTheTable() {
        String name = "n".repeat(100);
        String email = "e".repeat(254 - "@example.com".length()) + "@example.com";

        User stored = db.insert(name, email);

        assertEquals(Optional.of(stored), db.users.find(stored.id()));
    }

    @Test
    void aHundredCharacterNameOutsideTheBasicPlaneFitsTheTable() {
        // The domain counts characters as code points; the table must hold every name the domain accepts.
        String name = "\uD83D\uDE00".repeat(100);

        User stored = db.insert(name, "emoji@example.com");

        assertEquals(name, db.users.find(stored.id()).orElseThrow().name());
    }

    @Test
    void theUsersDataSurvivesAReopen() {
        User ada = db.insert("Ada", "ada@example.com");
        db.close();

        db = reopen();

        assertEquals(Optional.of(ada), db.users.find(ada.id()));
    }
}
