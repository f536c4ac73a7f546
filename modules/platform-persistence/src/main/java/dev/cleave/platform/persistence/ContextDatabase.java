package dev.cleave.platform.persistence;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.spi.ContextSetup;
import dev.cleave.platform.spi.Tracing;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import org.flywaydb.core.Flyway;

/**
 * One context's database: its own pool, its own schema and its own migrations. No two contexts share one, so
 * no context can reach another's tables, and either can move to its own server without change.
 *
 * <p>Configuration, under {@code cleave.<context>.db}: {@code url}, {@code user}, {@code password},
 * {@code pool-size}, {@code connection-wait}, {@code max-waiting}, {@code statement-timeout},
 * {@code idle-in-transaction-timeout}. Without a URL the context gets an embedded H2 database file in the data
 * directory.
 */
public final class ContextDatabase implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(ContextDatabase.class.getName());
    private static final int DEFAULT_POOL_SIZE = 10;
    // A request that cannot get a connection soon is answered 503 with Retry-After rather than kept waiting.
    private static final long DEFAULT_CONNECTION_WAIT_MILLIS = 1_000;
    private static final long DEFAULT_STATEMENT_TIMEOUT_MILLIS = 30_000;
    private static final long DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MILLIS = 60_000;
    // How many callers may wait for a connection, per pooled connection, before the next is turned away at once.
    private static final int DEFAULT_WAITING_PER_CONNECTION = 10;
    private static final Duration RETRY_AFTER_BUSY = Duration.ofSeconds(1);

    private final String context;
    private final HikariDataSource dataSource;
    // OpenTelemetry's db.system.name of the database: PostgreSQL in production, else embedded H2.
    private final String system;
    // Bounds the callers that hold or wait for a connection: beyond the pool and its waiting line, work is refused
    // at once, so an overload cannot pile up threads that each wait the full connection wait.
    private final Semaphore admission;
    // The transaction of the current request, if one is open: work started inside it joins it.
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    // What waits for the current outermost transaction to commit (see afterCommit).
    // Made only when something waits, so a transaction without (most reads) costs nothing.
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

    private ContextDatabase(String context, HikariDataSource dataSource, int maxWaiting) {
        this.context = context;
        this.dataSource = dataSource;
        this.system = dataSource.getJdbcUrl().startsWith("jdbc:postgresql:") ? "postgresql" : "h2";
        this.admission = new Semaphore(dataSource.getMaximumPoolSize() + maxWaiting);
    }

    /**
     * Opens the context's pool and brings its schema up to date with the migrations in the folder
     * {@code db-<context>} of the context's module (a folder name that is no package name, so Flyway can read it
     * from a named module).
     *
     * @param setup   the context's setup (configuration and data directory)
     * @param context the context's name
     * @param schema  the schema the context owns
     * @param owner   a class of the context's module, whose class loader holds the migrations
     * @return the open database
     */
    public static ContextDatabase open(ContextSetup setup, String context, String schema, Class<?> owner) {
        return open(setup.config(), setup.dataDir(), context, schema, owner);
    }

    /**
     * Opens a context's database from the configuration and data directory alone, for a tool or test that has the
     * database of a context without the context.
     *
     * @param config  the assembly's configuration (read under {@code cleave.<context>.db})
     * @param dataDir where the embedded database file goes when no URL is configured
     * @param context the context's name
     * @param schema  the schema the context owns
     * @param owner   a class whose class loader holds the migrations
     * @return the open database
     */
    public static ContextDatabase open(Config config, Path dataDir, String context, String schema, Class<?> owner) {
        Config db = config.get("cleave").get(context).get("db");
        String url = db.get("url").asString().orElseGet(() -> embeddedUrl(dataDir, context));

        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(context + "-db");
        // The pool's figures (connections in use, idle, callers waiting) as a JMX bean, which /observe/metrics reads.
        hikari.setRegisterMbeans(true);
        hikari.setJdbcUrl(url);
        db.get("user").asString().ifPresent(hikari::setUsername);
        db.get("password").asString().ifPresent(hikari::setPassword);
        int poolSize = db.get("pool-size").asInt().orElse(DEFAULT_POOL_SIZE);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setSchema(schema);
        hikari.setConnectionTimeout(db.get("connection-wait").asLong().orElse(DEFAULT_CONNECTION_WAIT_MILLIS));
        if (url.startsWith("jdbc:postgresql:")) {
            // Neither a runaway statement nor a transaction left open can hold a connection, or locks, for long.
            hikari.addDataSourceProperty("options", "-c statement_timeout="
                    + db.get("statement-timeout").asLong().orElse(DEFAULT_STATEMENT_TIMEOUT_MILLIS)
                    + " -c idle_in_transaction_session_timeout="
                    + db.get("idle-in-transaction-timeout").asLong()
                            .orElse(DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MILLIS));
        }
        hikari.setInitializationFailTimeout(10_000);

        // The context's own tables first (on a new database its schema is still empty), then the platform's
        // tables in the same schema with their own history, so neither numbering constrains the other.
        Flyway.configure(owner.getClassLoader())
                .dataSource(url, hikari.getUsername(), hikari.getPassword())
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db-" + context)
                .load()
                .migrate();
        Flyway.configure(ContextDatabase.class.getClassLoader())
                .dataSource(url, hikari.getUsername(), hikari.getPassword())
                .schemas(schema)
                .defaultSchema(schema)
                .table("platform_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db-platform")
                .load()
                .migrate();

        int maxWaiting = db.get("max-waiting").asInt().orElse(DEFAULT_WAITING_PER_CONNECTION * poolSize);
        return new ContextDatabase(context, new HikariDataSource(hikari), maxWaiting);
    }

    /**
     * The default, embedded database: one H2 file per context, in PostgreSQL mode so the same SQL runs on both.
     * {@code WRITE_DELAY=0} writes every commit to the file before answering, so a crash loses nothing committed.
     */
    static String embeddedUrl(Path dataDir, String context) {
        return "jdbc:h2:file:" + dataDir.resolve(context).toAbsolutePath()
               + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    /**
     * The pooled data source.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs work in one transaction: committed if it returns, rolled back if it throws. Inside another
     * {@code inTransaction} on the same thread, the work joins that transaction instead, so a use case and what
     * wraps it (an idempotency record, an outbox event) commit together or not at all.
     *
     * @param work the work
     * @param <T>  the result type
     * @return the work's result
     * @throws DataAccessException  if the database fails
     * @throws UnavailableException if no connection is free within the wait
     *                              ({@code cleave.<context>.db.connection-wait}), too many callers wait already
     *                              ({@code cleave.<context>.db.max-waiting})
     *                              or the database fails in a passing way ({@link SqlStates#isPassing})
     */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection ambient = current.get();
        if (ambient != null) {
            return run(ambient, work, "transaction failed");
        }
        Span span = transactionSpan();
        if (!span.getSpanContext().isValid()) {
            return outermost(work);
        }
        try (Scope ignored = span.makeCurrent()) {
            return outermost(work);
        } catch (RuntimeException e) {
            Tracing.failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    private <T> T outermost(SqlWork<T> work) {
        admit();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                T result = work.run(connection);
                connection.commit();
                runAfterCommit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                current.remove();
                afterCommit.remove();
                restoreAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw failure(e, "transaction failed");
        } finally {
            admission.release();
        }
    }

    // A transaction is traced as part of the request or the event it serves, never on its own: the relay's polls
    // and housekeeping, which run all the time, would otherwise each start a trace.
    private Span transactionSpan() {
        if (!Span.current().getSpanContext().isValid()) {
            return Span.getInvalid();
        }
        return Tracing.tracer().spanBuilder("transaction " + context)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.system.name", system)
                .setAttribute("db.operation.name", "transaction")
                .setAttribute("cleave.context", context)
                .startSpan();
    }

    // Refuses work at once when the pool and its waiting line are full; UnavailableException is answered 503.
    private void admit() {
        if (!admission.tryAcquire()) {
            throw new UnavailableException("The service is busy; retry shortly.", RETRY_AFTER_BUSY,
                                           new DataAccessException(context + " database: too many waiting", null));
        }
    }

    /**
     * Runs {@code action} once the outermost transaction open on this thread has committed, or at once if none is
     * open; never if that transaction rolls back. For what must not happen before others can see the data, such as
     * waking the outbox relay: woken earlier, it finds the row not yet committed and goes back to sleep.
     *
     * @param action what to run; it should be quick and not throw
     */
    public void afterCommit(Runnable action) {
        if (current.get() == null) {
            action.run();
        } else {
            List<Runnable> actions = afterCommit.get();
            if (actions == null) {
                actions = new ArrayList<>();
                afterCommit.set(actions);
            }
            actions.add(action);
        }
    }

    // The transaction is committed whatever these do, so a failing one is logged rather than turned into a failure.
    private void runAfterCommit() {
        List<Runnable> actions = afterCommit.get();
        if (actions == null) {
            return;
        }
        afterCommit.remove();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, context + " database: an action after commit failed", e);
            }
        }
    }

    // A connection that broke (the pool then closes it) cannot roll back: the failure that broke it is what counts,
    // as it tells a passing fault from another, so the rollback's own failure is only added to it.
    private static void rollback(Connection connection, Exception failure) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    // Not worth a failure of its own: the pool resets the auto-commit of every connection handed back anyway.
    private static void restoreAutoCommit(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOGGER.log(Level.DEBUG, "restoring auto-commit failed", e);
        }
    }

    /**
     * Runs read-only work on one pooled connection in auto-commit mode, or inside the current transaction if one
     * is open on this thread (so it sees that transaction's own writes).
     *
     * @param work the work
     * @param <T>  the result type
     * @return the work's result
     * @throws DataAccessException  if the database fails
     * @throws UnavailableException if no connection is free within the wait
     *                              ({@code cleave.<context>.db.connection-wait}), too many callers wait already
     *                              ({@code cleave.<context>.db.max-waiting})
     *                              or the database fails in a passing way ({@link SqlStates#isPassing})
     */
    public <T> T read(SqlWork<T> work) {
        Connection ambient = current.get();
        if (ambient != null) {
            return run(ambient, work, "query failed");
        }
        admit();
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e, "query failed");
        } finally {
            admission.release();
        }
    }

    // No connection within the wait (the pool is busy or the database away), or another passing fault: a client,
    // or an event's consumer, may retry shortly. The one place SQL failures are told apart, so the SPI's Faults can
    // decide by UnavailableException alone.
    private RuntimeException failure(SQLException e, String what) {
        if (e instanceof SQLTransientConnectionException) {
            return new UnavailableException("The service is busy; retry shortly.", RETRY_AFTER_BUSY,
                                            new DataAccessException(context + " database: no connection", e));
        }
        if (SqlStates.isPassing(e)) {
            return new UnavailableException("The service cannot reach its data right now; retry shortly.",
                                            RETRY_AFTER_BUSY,
                                            new DataAccessException(context + " database: " + what, e));
        }
        return new DataAccessException(context + " database: " + what, e);
    }

    /**
     * The context's name.
     *
     * @return the name
     */
    public String context() {
        return context;
    }

    private <T> T run(Connection connection, SqlWork<T> work, String failure) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(e, failure);
        }
    }

    /**
     * A readiness check: the database answers within a second. Down, with no data, if it does not; why is logged
     * once per outage (at WARNING), never shown, since it may name the server, the driver's classes or the schema.
     *
     * @return the check
     */
    public HealthCheck healthCheck() {
        return new DatabaseCheck(context, dataSource);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    @Override
    public String toString() {
        return "ContextDatabase[" + Objects.requireNonNull(context) + "]";
    }

    /**
     * Asks the database on a virtual thread of its own and waits a second for the answer: a pool that cannot connect
     * waits five seconds for a connection, longer than an orchestrator's probe waits. Probes that come while one
     * question is under way share it, so an outage never piles up waiting threads.
     */
    private static final class DatabaseCheck implements HealthCheck {
        private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

        private final String context;
        private final DataSource dataSource;
        // Whether the current outage was logged; cleared when the database answers again.
        private final AtomicBoolean warned = new AtomicBoolean();
        private CompletableFuture<Boolean> underWay;

        private DatabaseCheck(String context, DataSource dataSource) {
            this.context = context;
            this.dataSource = dataSource;
        }

        @Override
        public HealthCheckType type() {
            return HealthCheckType.READINESS;
        }

        @Override
        public String name() {
            return context + "-database";
        }

        @Override
        public HealthCheckResponse call() {
            boolean answers;
            try {
                answers = question().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                answers = false;
                warnOnce("does not answer within " + ANSWER_WITHIN.toMillis() + " ms");
            } catch (ExecutionException e) {
                answers = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers = false;
            }
            return HealthCheckResponse.builder().status(answers).build();
        }

        private synchronized CompletableFuture<Boolean> question() {
            if (underWay == null || underWay.isDone()) {
                CompletableFuture<Boolean> asked = new CompletableFuture<>();
                Thread.ofVirtual().name(context + "-database-check").start(() -> asked.complete(ask()));
                underWay = asked;
            }
            return underWay;
        }

        private boolean ask() {
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(1)) {
                    warnOnce("does not answer");
                    return false;
                }
            } catch (SQLException | RuntimeException e) {
                warnOnce("is unreachable: " + e.getMessage());
                return false;
            }
            if (warned.compareAndSet(true, false)) {
                LOGGER.log(Level.INFO, context + " database answers again; ready");
            }
            return true;
        }

        private void warnOnce(String why) {
            if (warned.compareAndSet(false, true)) {
                LOGGER.log(Level.WARNING, context + " database " + why + "; not ready");
            }
        }
    }
}
