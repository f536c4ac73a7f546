/**
 * The user context's domain: users, their rules and use cases, and the port to their storage. Framework-free.
 */
package dev.cleave.user.domain;
