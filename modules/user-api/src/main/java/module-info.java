/**
 * The user context's contract: plain Java interfaces and records, no framework.
 */
module dev.cleave.user.api {
    exports dev.cleave.user.api;
}
