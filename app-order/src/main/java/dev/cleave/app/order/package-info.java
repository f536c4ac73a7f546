/**
 * The order service assembly's entry point.
 */
package dev.cleave.app.order;
