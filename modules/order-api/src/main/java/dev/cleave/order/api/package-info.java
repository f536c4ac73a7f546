/**
 * What other contexts may ask of the order context.
 */
package dev.cleave.order.api;
