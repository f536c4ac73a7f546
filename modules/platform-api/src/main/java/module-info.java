/**
 * The framework-free part of the shared kernel: what a context's contract and domain may use without pulling in a
 * server, a database or a JSON library.
 */
module dev.cleave.platform.api {
    exports dev.cleave.platform.api;
}
