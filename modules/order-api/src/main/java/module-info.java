/**
 * The order context's contract: plain Java interfaces and records, no framework.
 */
module dev.cleave.order.api {
    requires transitive dev.cleave.platform.api;

    exports dev.cleave.order.api;
}
