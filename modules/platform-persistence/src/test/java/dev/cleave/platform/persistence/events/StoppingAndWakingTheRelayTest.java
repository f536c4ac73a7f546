package dev.cleave.platform.persistence.events;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the relay is stopped and woken. Stopping it never interrupts its thread, which may be inside a JDBC call (an
 * interrupt there can close an embedded database's file): the batch under way finishes and is recorded. And an event
 * written inside a use case's transaction wakes the relay only once that transaction commits, when the relay can
 * see the row, never at the insert.
 */
class StoppingAndWakingTheRelayTest {
    private static final Duration BATCH_TAKES = Duration.ofMillis(500);

    @TempDir
    Path dataDir;
    private ContextDatabase database;
    private Outbox outbox;

    @BeforeEach
    void open() {
        database = ContextDatabase.open(Config.empty(), dataDir, "publisher", "publisher",
                                        StoppingAndWakingTheRelayTest.class);
        outbox = Outbox.create(database, "publisher");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void stoppingTheRelayDuringABatchLetsTheBatchFinishUninterruptedAndRecordsIt() throws InterruptedException {
        SlowTransport transport = new SlowTransport();
        outbox.publish(ThingHappened.of(1));
        OutboxRelay relay = OutboxRelay.start(outbox, transport);
        assertTrue(transport.entered.await(10, TimeUnit.SECONDS), "the relay started a batch");

        relay.close();

        assertFalse(transport.interrupted.get(), "the relay's thread was interrupted inside the batch");
        assertTrue(transport.finished.get(), "close returned before the batch under way finished");
        assertEquals(0, outbox.backlog().outstanding(), "the finished batch was recorded as delivered");
    }

    @Test
    void anEventWrittenInsideATransactionWakesTheRelayOnlyOnceThatTransactionCommits() throws InterruptedException {
        AtomicBoolean wokenBeforeCommit = new AtomicBoolean();

        database.inTransaction(connection -> {
            outbox.publish(ThingHappened.of(2));
            try {
                wokenBeforeCommit.set(outbox.awaitWritten(Duration.ZERO));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });

        assertFalse(wokenBeforeCommit.get(), "woken while the row was not committed, so invisible to the relay");
        assertTrue(outbox.awaitWritten(Duration.ZERO), "woken once the transaction committed");
    }

    @Test
    void anEventRolledBackWithItsTransactionNeverWakesTheRelay() throws InterruptedException {
        assertThrows(IllegalStateException.class, () -> database.inTransaction(connection -> {
            outbox.publish(ThingHappened.of(3));
            throw new IllegalStateException("the change failed");
        }));

        assertFalse(outbox.awaitWritten(Duration.ZERO));
    }

    @Test
    void anEventWrittenOutsideATransactionWakesTheRelayAtOnce() throws InterruptedException {
        outbox.publish(ThingHappened.of(4));

        assertTrue(outbox.awaitWritten(Duration.ZERO));
    }

    /** A transport whose delivery takes a while, as a broker's confirms or an in-process consumer's JDBC would. */
    private static final class SlowTransport implements EventTransport {
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();

        @Override
        public String describe() {
            return "slow";
        }

        @Override
        public void subscribe(List<Subscription<?>> subscriptions) {
        }

        @Override
        public Delivered deliver(String publisher, List<OutboxRecord> records) {
            entered.countDown();
            try {
                Thread.sleep(BATCH_TAKES);
            } catch (InterruptedException e) {
                interrupted.set(true);
                Thread.currentThread().interrupt();
            }
            finished.set(true);
            return Delivered.all(records);
        }

        @Override
        public List<HealthCheck> healthChecks() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
