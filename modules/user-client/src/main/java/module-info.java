import dev.cleave.platform.spi.RemoteApiProvider;
import dev.cleave.user.client.UserDirectoryClientProvider;

/**
 * The user API over HTTP. An assembly that has this module but not {@code dev.cleave.user} gets its
 * {@code UserDirectory} from the user service; nothing in the order context knows the difference.
 */
module dev.cleave.user.client {
    requires dev.cleave.platform.api;
    requires dev.cleave.platform.spi;
    requires com.fasterxml.jackson.databind;
    requires dev.cleave.user.api;
    requires io.helidon.webclient;
    requires io.helidon.faulttolerance;

    provides RemoteApiProvider with UserDirectoryClientProvider;
}
