/**
 * Shared test fixtures: a throwaway PostgreSQL database per test class, a real OIDC server, the caller of a
 * context's HTTP tests, and bounded waiting.
 * Only tests depend on this module.
 */
module dev.cleave.platform.testing {
    // In signatures: the fixture is a JUnit extension, hands out JDBC connections and a Helidon Config.
    requires transitive org.junit.jupiter.api;
    requires transitive io.helidon.config;
    requires transitive java.sql;
    // InlineTransactions implements the domain's transaction port.
    requires transitive dev.cleave.platform.api;
    // TestCallers is a Helidon filter recording the caller as the assembly's authentication filter would.
    requires transitive dev.cleave.platform.web;
    // DocumentedRoutes reads the contexts' OpenAPI documents.
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    // MockOidcServer waits for the test issuer over HTTP.
    requires java.net.http;

    exports dev.cleave.platform.testing;
}
