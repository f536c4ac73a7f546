/**
 * The user context's contract: plain Java interfaces and records, no framework.
 */
module dev.cleave.user.api {
    requires transitive dev.cleave.platform.api;

    exports dev.cleave.user.api;
}
