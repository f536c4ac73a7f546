package dev.cleave.user.adapter.http;

import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;

/**
 * What every in-memory test of {@code /v1/users} needs: the user context on a fresh database behind Helidon's
 * routing, called directly without a socket, and a client for it.
 */
@RoutingTest
abstract class UserApiRoutingTest extends FreshUserContext {
    UserApiRoutingTest(DirectClient client) {
        super(client);
    }
}
