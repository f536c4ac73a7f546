/**
 * Stores users in the user context's own schema over JDBC. The only package of the context that issues SQL.
 */
package dev.cleave.user.adapter.persistence;
