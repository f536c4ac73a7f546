/**
 * Wires the order context together when the launcher starts it.
 */
package dev.cleave.order.wiring;
