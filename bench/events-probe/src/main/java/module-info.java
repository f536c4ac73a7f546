/**
 * The events benchmark: outbox, relay and RabbitMQ transport to a consumer's inbox, measured end to end.
 */
module dev.cleave.bench.events {
    requires dev.cleave.platform.persistence;
    requires HdrHistogram;

    // The event record is encoded and decoded by the platform's Jackson codec; nothing else reflects on it.
    opens dev.cleave.bench.events to com.fasterxml.jackson.databind;

    uses dev.cleave.platform.spi.EventTransportProvider;
}
