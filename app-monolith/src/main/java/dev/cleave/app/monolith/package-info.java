/**
 * The monolith assembly's entry point.
 */
package dev.cleave.app.monolith;
