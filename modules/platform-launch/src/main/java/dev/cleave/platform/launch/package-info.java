/**
 * The launcher: reads configuration, discovers the contexts on the module path, binds the APIs they require,
 * starts them in dependency order and serves all their routes from one Helidon WebServer.
 */
package dev.cleave.platform.launch;
