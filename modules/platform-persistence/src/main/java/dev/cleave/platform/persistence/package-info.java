/**
 * Each context's own database: a HikariCP pool, Flyway migrations from the context's own folder, and a small
 * transaction helper. Embedded H2 in file mode is the default, so nothing needs installing.
 */
package dev.cleave.platform.persistence;
