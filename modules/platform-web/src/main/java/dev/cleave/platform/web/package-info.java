/**
 * The HTTP edge every context shares: strict JSON in, RFC 9457 problem details out, ids, paging cursors, ETags and
 * the error handlers that make sure no client mistake becomes a 5xx and no response leaks internals.
 */
package dev.cleave.platform.web;
