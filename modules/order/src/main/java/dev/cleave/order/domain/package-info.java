/**
 * The order context's domain: orders, their rules and use cases, and the ports to their storage and to the user
 * directory. Framework-free.
 */
package dev.cleave.order.domain;
