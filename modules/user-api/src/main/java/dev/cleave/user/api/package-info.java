/**
 * What other contexts may ask of the user context. Implemented in-process by the user context itself, or by an
 * HTTP client when the user context runs in another process.
 */
package dev.cleave.user.api;
