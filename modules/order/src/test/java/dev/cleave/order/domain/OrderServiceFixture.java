package dev.cleave.order.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.cleave.platform.api.Caller;
import dev.cleave.platform.api.EventPublisher;
import dev.cleave.platform.testing.InlineTransactions;

import dev.cleave.user.api.UserDirectory;
import dev.cleave.user.api.UserSummary;

import static org.mockito.Mockito.mock;

/**
 * An {@link OrderService} whose ports are Mockito mocks and whose clock stands still.
 */
final class OrderServiceFixture {
    /** The clock's instant; the service truncates it to milliseconds. */
    static final Instant CLOCK_INSTANT = Instant.parse("2024-05-01T10:15:30.123456789Z");
    static final Instant NOW = Instant.parse("2024-05-01T10:15:30.123Z");
    /** An admin: may order for, read and cancel anything. */
    static final Caller ADMIN = Caller.admin("admin-1");
    /** The customer who owns the users {@link #ownedUser} builds and their orders. */
    static final Caller OWNER = Caller.customer("customer-a");
    /** Another customer: nothing here is its. */
    static final Caller STRANGER = Caller.customer("customer-b");

    final OrderRepository repository = mock(OrderRepository.class);
    final UserDirectory directory = mock(UserDirectory.class);
    final EventPublisher events = mock(EventPublisher.class);
    final OrderService service = new OrderService(repository, directory, new InlineTransactions(), events,
                                                  Clock.fixed(CLOCK_INSTANT, ZoneOffset.UTC));

    /** A user an admin registered: no customer owns it. */
    static UserSummary user(long id) {
        return new UserSummary(id, "Ada " + id, "ada" + id + "@example.com", null);
    }

    /** A user {@link #OWNER} owns. */
    static UserSummary ownedUser(long id) {
        return new UserSummary(id, "Ada " + id, "ada" + id + "@example.com", OWNER.subject());
    }
}
