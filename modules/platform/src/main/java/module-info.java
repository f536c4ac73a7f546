/**
 * Cleave's shared kernel: the context SPI, the launcher that assembles contexts into one server, problem details,
 * JSON and per-context database setup.
 */
module dev.cleave.platform {
    requires transitive dev.cleave.platform.api;
    requires transitive io.helidon.webserver;
    requires transitive io.helidon.config;
    requires transitive io.helidon.health;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires transitive java.sql;
    requires io.helidon.http.media.jackson;
    requires io.helidon.config.yaml;
    requires io.helidon.webserver.observe;
    requires io.helidon.webserver.observe.health;
    requires com.zaxxer.hikari;
    requires flyway.core;

    exports dev.cleave.platform.spi;
    exports dev.cleave.platform.launch;
    exports dev.cleave.platform.http;
    exports dev.cleave.platform.jdbc;
    exports dev.cleave.platform.events;

    uses dev.cleave.platform.spi.ContextProvider;
    uses dev.cleave.platform.spi.RemoteApiProvider;
    uses dev.cleave.platform.spi.EventTransportProvider;
}
