package dev.cleave.user.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.api.EventPublisher;
import dev.cleave.platform.testing.InlineTransactions;

import static org.mockito.Mockito.mock;

/**
 * A {@link UserService} over Mockito stand-ins for its {@link UserRepository} and {@link EventPublisher} ports,
 * on a fixed clock.
 */
final class UserServiceFixture {
    /** What the clock says, with sub-millisecond digits the service must drop. */
    static final Instant CLOCK_TIME = Instant.parse("2026-03-14T15:09:26.535897932Z");
    /** The clock's time as the service stores it. */
    static final Instant NOW = Instant.parse("2026-03-14T15:09:26.535Z");
    static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
    /** An admin: may act on any user. */
    static final Caller ADMIN = Caller.admin("admin-1");
    /** The customer who owns the users {@link #owned} builds. */
    static final Caller OWNER = Caller.customer("customer-a");
    /** Another customer: no user here is its. */
    static final Caller STRANGER = Caller.customer("customer-b");
    /** Another Cleave service: may read any user, change none. */
    static final Caller SERVICE = new Caller("order-service", Set.of(Caller.SERVICE_ROLE));

    final UserRepository users = mock(UserRepository.class);
    final EventPublisher events = mock(EventPublisher.class);
    final UserService service = new UserService(users, new InlineTransactions(), events,
                                                Clock.fixed(CLOCK_TIME, ZoneOffset.UTC));

    static UserDetails details(String name, String email) {
        return UserDetails.of(name, email);
    }

    static UserDetails ada() {
        return details("Ada Lovelace", "ada@example.com");
    }

    /** A user an admin registered: no customer owns it. */
    static User user(long id, long version) {
        return new User(id, "Ada Lovelace", "ada@example.com", null, ADMIN.subject(), REGISTERED, REGISTERED, version);
    }

    /** A user {@link #OWNER} registered and owns. */
    static User owned(long id, long version) {
        return new User(id, "Ada Lovelace", "ada@example.com", OWNER.subject(), OWNER.subject(), REGISTERED,
                        REGISTERED, version);
    }

    static User user(long id, long version, UserDetails details, Instant updatedAt) {
        return new User(id, details.name(), details.email(), null, ADMIN.subject(), REGISTERED, updatedAt, version);
    }
}
