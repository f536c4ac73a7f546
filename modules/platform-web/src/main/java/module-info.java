/**
 * The HTTP edge every context shares: strict JSON in, RFC 9457 problem details out, ETags, paging, path ids and the
 * HTTP side of {@code Idempotency-Key}. A context with HTTP routes reads this module.
 */
module dev.cleave.platform.web {
    // In signatures: Helidon's ServerRequest/ServerResponse, Jackson's tree nodes and mapper, and the idempotency
    // store a context hands to Idempotency.create.
    requires transitive dev.cleave.platform.spi;
    requires transitive io.helidon.webserver;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    exports dev.cleave.platform.web;
}
