/**
 * An HTTP client of the user service implementing {@link dev.cleave.user.api.UserDirectory}, with timeouts,
 * retries of idempotent calls, a circuit breaker and a bulkhead.
 */
package dev.cleave.user.client;
