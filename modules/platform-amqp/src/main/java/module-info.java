import dev.cleave.platform.amqp.AmqpTransportProvider;
import dev.cleave.platform.spi.EventTransportProvider;

/**
 * Events between services through RabbitMQ. An assembly with this module on its module path sends its outboxes'
 * events to the broker and consumes its contexts' subscriptions from it; it exports nothing.
 */
module dev.cleave.platform.amqp {
    requires dev.cleave.platform.spi;
    requires com.rabbitmq.client;

    provides EventTransportProvider with AmqpTransportProvider;
}
