import dev.cleave.platform.spi.ContextProvider;
import dev.cleave.user.wiring.UserContextProvider;

/**
 * The user context. Exports nothing: the launcher starts it through the provider below, other contexts reach it
 * only through {@code dev.cleave.user.api}.
 */
module dev.cleave.user {
    requires dev.cleave.platform.api;
    requires dev.cleave.platform.spi;
    requires dev.cleave.platform.web;
    requires dev.cleave.platform.persistence;
    requires dev.cleave.user.api;

    // Jackson writes the HTTP adapter's response records; nothing else may reflect on this package.
    opens dev.cleave.user.adapter.http to com.fasterxml.jackson.databind;

    provides ContextProvider with UserContextProvider;
}
