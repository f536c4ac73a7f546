/**
 * Who calls: bearer tokens verified against an OIDC issuer's keys (or the development issuer's), the verified
 * {@link dev.cleave.platform.api.Caller} left in each request's context, service tokens by the client-credentials
 * grant, and per-caller rate limits. Assemblies and remote clients read this module; contexts never do: their use
 * cases see a {@code Caller}, not a token.
 */
module dev.cleave.platform.auth {
    requires transitive dev.cleave.platform.web;
    requires transitive io.helidon.config;
    requires com.nimbusds.jose.jwt;
    requires io.github.bucket4j.core;
    requires com.github.benmanes.caffeine;
    requires java.net.http;

    exports dev.cleave.platform.auth;
}
