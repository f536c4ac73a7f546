package dev.cleave.platform.persistence.events;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cleave.platform.api.UnavailableException;
import dev.cleave.platform.persistence.DataAccessException;
import dev.cleave.platform.spi.Backoff;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventSource;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.EventTransport.TransportUnavailableException;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Moves one context's outstanding outbox rows to the transport, on a virtual thread: a full batch is followed
 * at once by the next, an idle outbox is polled less and less often but the relay wakes as soon as this process
 * commits an event, and an unreachable transport, or a consumer that meets a passing fault, is retried with a growing
 * pause (up to 30 s, with jitter), counting no attempt. Rows are marked delivered only after the transport confirmed
 * them, so nothing is lost; a crash before that delivers them again, and consumers' inboxes absorb the duplicate.
 *
 * <p>The same thread counts the backlog about once a second for the readiness check, so a probe never waits on the
 * database and orchestrators asking often cost no queries.
 */
public final class OutboxRelay implements EventSource.Relay {
    private static final System.Logger LOGGER = System.getLogger(OutboxRelay.class.getName());
    // Waiting for the broker's confirms costs about as much per batch as the database work of a batch, so batches
    // are large: at 1000 rows the relay moved about 1.6 times the events per second it did at 200 (bench/).
    private static final int BATCH = 1000;
    // An idle relay polls less and less often (events from replicas of this service show up this way) and wakes
    // at once when an event written by this process is committed.
    private static final Duration FIRST_IDLE_POLL = Duration.ofMillis(10);
    private static final Duration LONGEST_IDLE_POLL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    // Delivered events are kept a day for inspection. Inbox records outlive what a broker's catch-up reads back
    // (RabbitMQ: the events its stream got in the last seven days) by a day, a margin for the clocks of broker and
    // database, so an event read again from that history finds its record and has no second effect.
    private static final Duration KEEP_DELIVERED = Duration.ofDays(1);
    private static final Duration KEEP_APPLIED = Duration.ofDays(8);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final Duration COUNT_EVERY = Duration.ofSeconds(1);
    // Within a stop's bound (10 s for the whole assembly): a batch of 1000 rows takes well under a second.
    private static final int STOP_WITHIN_SECONDS = 3;

    private final Outbox outbox;
    private final EventTransport transport;
    private final Thread thread;
    private volatile boolean running = true;
    // Opened by close(): ends a pause at once. The relay thread is never interrupted, since it may be inside a JDBC
    // call, and an interrupted JDBC call can damage an embedded database (H2 closes its file on an interrupt).
    private final CountDownLatch stopping = new CountDownLatch(1);
    // What readiness shows: the last count, or null while the database cannot be asked; written by the relay thread.
    private volatile Outbox.Backlog counted;
    // Whether the last pass failed for a reason other than an unreachable transport (whose own check reports it).
    private volatile boolean stalled;
    private long countedAt;

    private OutboxRelay(Outbox outbox, EventTransport transport) {
        this.outbox = outbox;
        this.transport = transport;
        this.thread = Thread.ofVirtual().name("outbox-relay-" + outbox.publisher()).unstarted(this::run);
    }

    /**
     * Starts relaying an outbox.
     *
     * @param outbox    the outbox
     * @param transport where its events go
     * @return the running relay
     */
    public static OutboxRelay start(Outbox outbox, EventTransport transport) {
        OutboxRelay relay = new OutboxRelay(outbox, transport);
        // Counted once before the thread starts, so readiness has figures from the first probe on.
        relay.count();
        relay.thread.start();
        return relay;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        Backoff heldBack = Backoff.from(Duration.ofMillis(100));
        boolean warned = false;
        Instant nextPurge = Instant.now().plus(PURGE_EVERY);
        Duration idlePoll = FIRST_IDLE_POLL;
        while (running) {
            try {
                countIfDue();
                if (Instant.now().isAfter(nextPurge)) {
                    nextPurge = Instant.now().plus(PURGE_EVERY);
                    outbox.purge(Instant.now().minus(KEEP_DELIVERED), Instant.now().minus(KEEP_APPLIED));
                }
                Delivered outcome = outbox.relay(BATCH, records -> transport.deliver(outbox.publisher(), records));
                stalled = false;
                if (outcome != null && outcome.heldBack()) {
                    // A consumer met a passing fault: its rows wait untouched, and the relay waits longer each time.
                    pause(heldBack.next());
                    continue;
                }
                heldBack.reset();
                backoff = Duration.ofMillis(100);
                if (warned) {
                    LOGGER.log(Level.INFO, outbox.publisher() + " events flow again");
                    warned = false;
                }
                int claimed = outcome == null ? 0 : outcome.delivered().size() + outcome.failed().size();
                if (claimed > 0) {
                    idlePoll = FIRST_IDLE_POLL;
                }
                if (claimed < BATCH) {
                    idlePoll = awaitWork(idlePoll);
                }
            } catch (TransportUnavailableException | DataAccessException | UnavailableException e) {
                if (e instanceof DataAccessException) {
                    stalled = true;
                    counted = null;
                }
                if (!warned && running) {
                    LOGGER.log(Level.WARNING, outbox.publisher() + " events wait in the outbox: " + e.getMessage());
                    warned = true;
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                stalled = true;
                if (running) {
                    LOGGER.log(Level.ERROR, "relaying " + outbox.publisher() + " events failed", e);
                }
                pause(backoff);
            }
        }
    }

    private void countIfDue() {
        if (System.nanoTime() - countedAt >= COUNT_EVERY.toNanos()) {
            count();
        }
    }

    // Counts the backlog for readiness; if the database cannot answer, there are no figures until it can. Never
    // throws: the relay's own pass fails the same way and logs it once.
    private void count() {
        countedAt = System.nanoTime();
        try {
            counted = outbox.backlog();
        } catch (RuntimeException e) {
            counted = null;
        }
    }

    // Waits for a local write or the idle poll; returns the next idle poll: reset when woken, else doubled.
    private Duration awaitWork(Duration idlePoll) {
        try {
            if (outbox.awaitWritten(idlePoll)) {
                return FIRST_IDLE_POLL;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        if (!running) {
            return idlePoll;
        }
        Duration next = idlePoll.multipliedBy(2);
        return next.compareTo(LONGEST_IDLE_POLL) > 0 ? LONGEST_IDLE_POLL : next;
    }

    // Pauses in slices of COUNT_EVERY, counting between them, so a long backoff leaves no stale figures behind.
    private void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        try {
            for (long left = duration.toNanos(); running && left > 0; left = until - System.nanoTime()) {
                if (stopping.await(Math.min(left, COUNT_EVERY.toNanos()), TimeUnit.NANOSECONDS)) {
                    return;
                }
                countIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * The outbox as a readiness check: up while the relay runs and its database answers, down otherwise. Dead
     * letters make it {@code degraded} (in its data), not down: every replica shares the outbox, so one event set
     * aside would otherwise take all of them out of service, and the live traffic is not at fault. Its data are the
     * figures of the last count (at most about a second old): the outstanding events, the oldest one's age, the dead
     * letters and whether there are any. Never queries the database itself, and never throws.
     *
     * @return the check
     */
    @Override
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return outbox.publisher() + "-outbox";
            }

            @Override
            public HealthCheckResponse call() {
                Outbox.Backlog backlog = counted;
                if (backlog == null) {
                    return HealthCheckResponse.builder().status(false).build();
                }
                return HealthCheckResponse.builder()
                        .status(running && thread.isAlive() && !stalled)
                        .detail("degraded", backlog.deadLetters() > 0)
                        .detail("outstanding", backlog.outstanding())
                        .detail("oldestOutstandingAgeMillis", backlog.oldestAge().toMillis())
                        .detail("deadLetters", backlog.deadLetters())
                        .build();
            }
        };
    }

    /**
     * Stops the relay: tells its thread to stop, wakes it if it waits, and waits for the batch under way, if any, to
     * finish (at most 3 s). Never interrupts it. A batch still running after that is left
     * to end on its own; its rows are delivered again by the next relay, and consumers' inboxes absorb the duplicate.
     */
    @Override
    public void close() {
        running = false;
        stopping.countDown();
        outbox.wake();
        try {
            if (!thread.join(Duration.ofSeconds(STOP_WITHIN_SECONDS))) {
                LOGGER.log(Level.WARNING, outbox.publisher() + " relay did not stop within " + STOP_WITHIN_SECONDS
                                          + " s; leaving its batch to finish on its own");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
