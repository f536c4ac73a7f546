/**
 * The launcher: finds the contexts, remote clients and event transport on an assembly's module path, binds and
 * starts them in dependency order, and serves them from one Helidon WebServer with health checks. Only assemblies
 * read this module; no context does (the module-graph tests check it).
 */
module dev.cleave.platform.launch {
    // In signatures: Launcher.start takes the providers and the Config it assembles.
    requires transitive dev.cleave.platform.spi;
    requires dev.cleave.platform.web;
    // The in-process transport of an assembly without a broker module delivers through the consumers' inboxes.
    requires dev.cleave.platform.persistence;
    // Every request's bearer token is verified, and rate limits applied, before a context sees it.
    requires dev.cleave.platform.auth;
    requires io.helidon.http.media.jackson;
    requires io.helidon.config.yaml;
    // The contexts' OpenAPI documents: assembled as Jackson trees, served by Helidon's OpenAPI feature.
    requires io.helidon.openapi;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires io.helidon.webserver.observe;
    requires dev.cleave.platform.observe;
    requires io.helidon.webserver.observe.health;
    // sun.misc.Signal: SIGTERM starts a drain instead of the JVM's all-at-once shutdown hooks.
    requires jdk.unsupported;

    exports dev.cleave.platform.launch;

    uses dev.cleave.platform.spi.ContextProvider;
    uses dev.cleave.platform.spi.RemoteApiProvider;
    uses dev.cleave.platform.spi.EventTransportProvider;
}
