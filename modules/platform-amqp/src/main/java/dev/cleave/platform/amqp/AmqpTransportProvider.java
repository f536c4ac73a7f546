package dev.cleave.platform.amqp;

import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.EventTransportProvider;
import io.helidon.config.Config;

/**
 * Sends an assembly's events through RabbitMQ, at {@code CLEAVE_AMQP_URL} (default
 * {@code amqp://guest:guest@127.0.0.1:5672/}), with exchange and queue names under {@code CLEAVE_EVENTS_NAMESPACE}
 * (default {@code cleave}).
 */
public final class AmqpTransportProvider implements EventTransportProvider {

    /**
     * Called by {@link java.util.ServiceLoader}.
     */
    public AmqpTransportProvider() {
    }

    @Override
    public EventTransport create(Config config) {
        return AmqpTransport.start(AmqpSettings.from(config));
    }
}
