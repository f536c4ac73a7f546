/**
 * Per-context persistence: each context's own database (pool, schema, migrations, transactions), and on it the
 * transactional outbox, its relay, the inbox and the idempotency store. A context that keeps no data does not read
 * this module.
 */
module dev.cleave.platform.persistence {
    // In signatures: ContextDatabase.open takes a ContextSetup and Config; outbox, inbox and store implement SPI
    // interfaces; SqlWork hands out a java.sql.Connection and dataSource() a javax.sql.DataSource.
    requires transitive dev.cleave.platform.spi;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires flyway.core;

    exports dev.cleave.platform.persistence;
    exports dev.cleave.platform.persistence.events;
}
