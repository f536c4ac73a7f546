/**
 * Wires the user context together when the launcher starts it.
 */
package dev.cleave.user.wiring;
