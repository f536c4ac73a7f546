package dev.cleave.platform.persistence.events;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.cleave.platform.api.DomainEvent;
import dev.cleave.platform.api.EventPublisher;
import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.Backoff;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventCodec;
import dev.cleave.platform.spi.EventSource;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.TraceContext;
import dev.cleave.platform.spi.Tracing;

/**
 * A context's transactional outbox (table {@code outbox} in its schema). {@link #publish} writes the event in the
 * transaction of the state change; the relay later claims outstanding rows with {@code FOR UPDATE SKIP LOCKED},
 * so several relays (replicas) share the work without delivering a row twice at once, and marks them delivered
 * only after the transport confirmed them.
 */
public final class Outbox implements EventPublisher, EventSource {
    /** The pause before a failed row's second attempt; it doubles for each further one, up to {@link Backoff#CAP}. */
    static final Duration FIRST_RETRY = Duration.ofMillis(100);

    private static final int MAX_TRACESTATE = 512;

    private final ContextDatabase database;
    private final String publisher;
    // Wakes this process's relay when an event written here is committed, so an idle relay need not poll often.
    private final Semaphore written = new Semaphore(0);

    private Outbox(ContextDatabase database, String publisher) {
        this.database = database;
        this.publisher = publisher;
    }

    /**
     * The outbox of one context.
     *
     * @param database  the context's database
     * @param publisher the context's name
     * @return the outbox
     */
    public static Outbox create(ContextDatabase database, String publisher) {
        return new Outbox(database, publisher);
    }

    /**
     * The publishing context's name.
     *
     * @return the name
     */
    @Override
    public String publisher() {
        return publisher;
    }

    @Override
    public Relay relayTo(EventTransport transport) {
        return OutboxRelay.start(this, transport);
    }

    @Override
    public void publish(DomainEvent event) {
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO outbox (event_id, event_type, aggregate_id, payload, occurred_at, attempts, "
                    + "traceparent, tracestate) VALUES (?, ?, ?, ?, ?, 0, ?, ?)")) {
                TraceContext trace = Tracing.current();
                insert.setString(1, event.eventId().toString());
                insert.setString(2, event.getClass().getSimpleName());
                insert.setLong(3, event.aggregateId());
                insert.setString(4, EventCodec.encode(event));
                insert.setObject(5, event.occurredAt().atOffset(ZoneOffset.UTC));
                insert.setString(6, trace.traceparent());
                // W3C asks that at least 512 characters of tracestate be kept; a longer one is dropped whole.
                insert.setString(7, trace.tracestate() != null && trace.tracestate().length() <= MAX_TRACESTATE
                                    ? trace.tracestate() : null);
                insert.executeUpdate();
            }
            return null;
        });
        // Not now: inside a use case's transaction the row is invisible to the relay until that commits.
        database.afterCommit(this::wake);
    }

    /** Wakes this process's relay if it waits for a write (also how it is told to stop). */
    void wake() {
        if (written.availablePermits() == 0) {
            written.release();
        }
    }

    /**
     * Waits until an event is written in this process, or the timeout passes.
     *
     * @param timeout the longest wait
     * @return whether an event was written
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitWritten(Duration timeout) throws InterruptedException {
        boolean woken = written.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        written.drainPermits();
        return woken;
    }

    /**
     * Claims up to {@code limit} outstanding events, oldest first, skipping rows another relay holds, and hands
     * them to {@code deliver} while the claim lasts; what {@code deliver} reports is recorded in the same
     * transaction. A row whose delivery failed waits for its next attempt ({@code next_attempt_at}); rows the
     * transport left untouched (a passing fault held it back) stay as they were.
     *
     * @param limit   the most rows to claim
     * @param deliver delivers the claimed rows
     * @return what the transport reported, or {@code null} if nothing was outstanding
     */
    Delivered relay(int limit, Delivery deliver) {
        return database.inTransaction(connection -> {
            List<OutboxRecord> claimed = new ArrayList<>(limit);
            Instant now = Instant.now();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, event_id, event_type, aggregate_id, payload, occurred_at, attempts, traceparent, "
                    + "tracestate FROM outbox "
                    + "WHERE delivered_at IS NULL AND dead_at IS NULL "
                    + "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
                    + "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                select.setObject(1, now.atOffset(ZoneOffset.UTC));
                select.setInt(2, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        claimed.add(new OutboxRecord(rows.getLong(1), UUID.fromString(rows.getString(2)), publisher,
                                                     rows.getString(3), rows.getLong(4), rows.getString(5),
                                                     rows.getObject(6, OffsetDateTime.class).toInstant(),
                                                     rows.getInt(7),
                                                     new TraceContext(rows.getString(8), rows.getString(9))));
                    }
                }
            }
            if (claimed.isEmpty()) {
                return null;
            }
            Delivered outcome = deliver.deliver(claimed);
            Instant done = Instant.now();
            update(connection, "UPDATE outbox SET delivered_at = ? WHERE id IN ", outcome.delivered(), done);
            // The publisher never gives up on an event: consumers set aside what they cannot apply, in their own
            // dead letters, and report it delivered; a row that failed here waits for its next attempt.
            for (OutboxRecord failed : outcome.failed()) {
                retryLater(connection, failed, done);
            }
            return outcome;
        });
    }

    // One more failed attempt; the next waits a growing pause, with jitter so replicas do not retry in step.
    private static void retryLater(java.sql.Connection connection, OutboxRecord failed, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?")) {
            update.setObject(1, now.plus(Backoff.after(FIRST_RETRY, failed.attempts() + 1)).atOffset(ZoneOffset.UTC));
            update.setLong(2, failed.id());
            update.executeUpdate();
        }
    }

    /**
     * Deletes delivered events and inbox records old enough that no redelivery can still need them.
     *
     * @param deliveredBefore delete outbox rows delivered before this
     * @param appliedBefore   delete inbox records of events applied before this
     * @return how many rows were deleted
     */
    int purge(Instant deliveredBefore, Instant appliedBefore) {
        return database.inTransaction(connection -> {
            int deleted;
            try (PreparedStatement outbox = connection.prepareStatement(
                    "DELETE FROM outbox WHERE delivered_at < ?")) {
                outbox.setObject(1, deliveredBefore.atOffset(ZoneOffset.UTC));
                deleted = outbox.executeUpdate();
            }
            try (PreparedStatement inbox = connection.prepareStatement("DELETE FROM inbox WHERE applied_at < ?")) {
                inbox.setObject(1, appliedBefore.atOffset(ZoneOffset.UTC));
                deleted += inbox.executeUpdate();
            }
            return deleted;
        });
    }

    /**
     * How far behind delivery is, and how many events this context, as a consumer, set aside in its dead letters
     * (table {@code dead_letters} of the same database). The outstanding count reads only the rows it counts, through
     * the index on {@code (delivered_at, dead_at, id)}, never the delivered rows kept for a day; the dead letters are
     * few, and kept only until replayed.
     *
     * @return the backlog
     */
    Backlog backlog() {
        return database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT COUNT(*), MIN(occurred_at), (SELECT COUNT(*) FROM dead_letters) "
                    + "FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL");
                 ResultSet row = select.executeQuery()) {
                row.next();
                OffsetDateTime oldest = row.getObject(2, OffsetDateTime.class);
                return new Backlog(row.getLong(1),
                                   oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), Instant.now()),
                                   row.getLong(3));
            }
        });
    }

    private static void update(java.sql.Connection connection, String sql, List<Long> ids, Instant now)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                sql + "(" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")")) {
            int p = 1;
            if (now != null) {
                update.setObject(p++, now.atOffset(ZoneOffset.UTC));
            }
            for (long id : ids) {
                update.setLong(p++, id);
            }
            update.executeUpdate();
        }
    }

    /**
     * Outstanding and dead events of one outbox.
     *
     * @param outstanding events not delivered yet
     * @param oldestAge   how long the oldest of them has waited
     * @param deadLetters events this context's consumers set aside: unreadable, or failed on every attempt
     */
    record Backlog(long outstanding, Duration oldestAge, long deadLetters) {
    }

    /**
     * Delivers claimed rows.
     */
    @FunctionalInterface
    interface Delivery {
        /**
         * Delivers rows, oldest first.
         *
         * @param records the rows
         * @return which were delivered and which failed; rows in neither stay outstanding untouched
         */
        Delivered deliver(List<OutboxRecord> records);
    }
}
