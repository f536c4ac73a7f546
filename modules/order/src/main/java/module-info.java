import dev.cleave.order.wiring.OrderContextProvider;
import dev.cleave.platform.spi.ContextProvider;

/**
 * The order context. Exports nothing; it knows the user context only through {@code dev.cleave.user.api}.
 */
module dev.cleave.order {
    requires dev.cleave.platform.api;
    requires dev.cleave.platform.spi;
    requires dev.cleave.platform.web;
    requires dev.cleave.platform.persistence;
    requires dev.cleave.order.api;
    requires dev.cleave.user.api;

    // Jackson writes the HTTP adapter's response records; nothing else may reflect on this package.
    opens dev.cleave.order.adapter.http to com.fasterxml.jackson.databind;

    provides ContextProvider with OrderContextProvider;
}
