/**
 * The events benchmark's probe: publishes through a real outbox and measures what a real consumer receives.
 */
package dev.cleave.bench.events;
