package dev.cleave.platform.spi;

import io.helidon.config.Config;

/**
 * A broker module's entry point, found with {@link java.util.ServiceLoader}. An assembly with such a module on its
 * module path sends events through the broker; one without delivers them in-process.
 */
public interface EventTransportProvider {

    /**
     * Creates the transport. It must not fail when the broker is unreachable: events then wait in the outboxes.
     *
     * @param config the {@code cleave.events} configuration
     * @return the transport
     */
    EventTransport create(Config config);
}
