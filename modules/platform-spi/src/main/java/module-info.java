/**
 * The context SPI: what a bounded context implements to run in an assembly and what it is handed when it starts,
 * plus the extension points for remote API clients and event transports. Contexts, clients and transports read
 * this module; only the launch module reads them all together.
 */
module dev.cleave.platform.spi {
    requires transitive dev.cleave.platform.api;
    // Types in this module's signatures: a context reads its Config, adds its routes and reports health checks.
    requires transitive io.helidon.config;
    requires transitive io.helidon.webserver;
    requires transitive io.helidon.health;
    // Spans: Tracing hands out OpenTelemetry's API, which the platform's adapters use to trace their work.
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;
    // Events travel as JSON; only EventCodec's insides use Jackson.
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.cleave.platform.spi;
}
