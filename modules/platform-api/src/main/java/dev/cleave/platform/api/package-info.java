/**
 * Framework-free vocabulary every context's domain and API may use: rule violations and the outcomes a use case
 * can end in. Nothing here knows about HTTP, JDBC or JSON; the platform's HTTP layer maps these to status codes.
 */
package dev.cleave.platform.api;
