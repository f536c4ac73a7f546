/**
 * What runs where and how it behaves: the assembly's metrics, in Prometheus text at {@code /observe/metrics}, its
 * traces (OpenTelemetry's SDK, when {@code OTEL_*} asks for it), its live topology at {@code /observe/topology} (and
 * a page that draws it), and its access log. Only the launch module reads it; contexts do not.
 */
module dev.cleave.platform.observe {
    // In signatures: the observer for the assembly's observe feature, the filter for its routing, what is bound.
    requires transitive io.helidon.webserver.observe;
    requires transitive io.helidon.webserver;
    requires transitive dev.cleave.platform.spi;
    requires io.helidon.webserver.observe.metrics;
    requires io.helidon.metrics.api;
    // The access log shows each request's id, which platform-web gives it.
    requires dev.cleave.platform.web;
    // The outboxes' figures come from their readiness checks, the pools' from HikariCP's JMX beans.
    requires io.helidon.health;
    requires java.management;
    // The topology document, and asking the peer services for theirs.
    requires com.fasterxml.jackson.databind;
    requires java.net.http;
    // Traces: OpenTelemetry's SDK and its autoconfiguration (OTEL_*), exporting OTLP or to Zipkin.
    requires io.opentelemetry.sdk;
    requires io.opentelemetry.sdk.common;
    requires io.opentelemetry.sdk.trace;
    requires io.opentelemetry.sdk.autoconfigure;
    requires io.opentelemetry.sdk.autoconfigure.spi;
    requires io.opentelemetry.exporter.zipkin;
    requires zipkin2.reporter;
    requires zipkin2.reporter.urlconnection;

    exports dev.cleave.platform.observe;
}
