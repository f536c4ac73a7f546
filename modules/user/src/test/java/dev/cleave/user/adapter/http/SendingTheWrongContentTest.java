package dev.cleave.user.adapter.http;

import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;

/**
 * The cases of {@link SendingTheWrongContent} in memory: 415 for anything but UTF-8 JSON, 413 past 64 KiB, with the
 * routing called directly, without a socket.
 */
@RoutingTest
class SendingTheWrongContentTest extends SendingTheWrongContent {
    SendingTheWrongContentTest(DirectClient client) {
        super(client);
    }
}
