/**
 * Stores orders in the order context's own schema over JDBC. The only package of the context that issues SQL.
 */
package dev.cleave.order.adapter.persistence;
