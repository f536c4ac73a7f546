/**
 * The user service assembly's entry point.
 */
package dev.cleave.app.user;
