package dev.cleave.bench.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import dev.cleave.platform.persistence.ContextDatabase;
import dev.cleave.platform.persistence.events.JdbcInbox;
import dev.cleave.platform.persistence.events.Outbox;
import dev.cleave.platform.persistence.events.OutboxRelay;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.EventTransportProvider;
import dev.cleave.platform.spi.Subscription;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Publishes events through a real outbox (embedded H2, as {@code ./cleave run} has it), relays them with the
 * platform's {@link OutboxRelay} to RabbitMQ through the transport found by {@link ServiceLoader}, and consumes them
 * in a second database through the platform's inbox, with a handler that writes one row per event. Two phases:
 * <ol>
 *   <li><b>saturation</b>: {@code events.count} events written as fast as possible in transactions of 100; the
 *       rate is events consumed per second, from the first write to the last event applied;</li>
 *   <li><b>paced</b>: {@code events.rate} events per second for {@code events.seconds} seconds, in transactions of
 *       10 every 10 ms; the delivery latency of each event is the time from its {@code occurredAt} (just before
 *       its outbox row is written) to its handler running in the consumer's transaction.</li>
 * </ol>
 * Prints {@code key=value} lines for {@code bench/run.sh}. Settings are system properties: {@code events.url}
 * (the broker, with its virtual host), {@code events.count}, {@code events.warmup}, {@code events.rate},
 * {@code events.seconds}.
 */
public final class Main {
    private static final String PUBLISHER = "benchpub";
    private static final String CONSUMER = "benchsub";
    private static final int SATURATION_TRANSACTION = 100;
    private static final long MAX_LATENCY_US = TimeUnit.MINUTES.toMicros(5);

    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong nextParcel = new AtomicLong();
    private final Recorder latencies = new Recorder(MAX_LATENCY_US, 3);
    private final ContextDatabase publisherDb;
    private final Outbox outbox;

    private Main(ContextDatabase publisherDb) {
        this.publisherDb = publisherDb;
        this.outbox = Outbox.create(publisherDb, PUBLISHER);
    }

    /**
     * Runs both phases and prints the results.
     *
     * @param args none
     * @throws IOException if the temporary data directory cannot be made
     */
    public static void main(String[] args) throws IOException {
        String url = System.getProperty("events.url", "amqp://guest:guest@127.0.0.1:5672/");
        int count = Integer.getInteger("events.count", 30_000);
        int warmup = Integer.getInteger("events.warmup", 10_000);
        int rate = Integer.getInteger("events.rate", 1_000);
        int seconds = Integer.getInteger("events.seconds", 15);
        String namespace = "cleave-bench-" + UUID.randomUUID();

        Path dataDir = Files.createTempDirectory("cleave-events-bench");
        ContextDatabase publisherDb = open(dataDir, PUBLISHER);
        ContextDatabase consumerDb = open(dataDir, CONSUMER);
        EventTransportProvider provider = ServiceLoader.load(EventTransportProvider.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no event transport on the module path"));
        EventTransport transport = provider.create(Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(Map.of("namespace", namespace, "amqp.url", url)))
                .build());
        System.out.println("transport=" + transport.describe());
        System.out.println("namespace=" + namespace);
        Main probe = new Main(publisherDb);
        OutboxRelay relay = null;
        try {
            transport.subscribe(List.of(probe.subscription(consumerDb)));
            await("the broker is ready", Duration.ofSeconds(30), () -> ready(transport));
            relay = OutboxRelay.start(probe.outbox, transport);

            if (warmup > 0) {
                probe.saturate("warmup", warmup);
            }
            probe.saturate("saturation", count);
            probe.paced(rate, seconds);
        } finally {
            if (relay != null) {
                relay.close();
            }
            transport.close();
            publisherDb.close();
            consumerDb.close();
            delete(dataDir);
        }
    }

    private Subscription<ParcelScanned> subscription(ContextDatabase consumerDb) {
        return new Subscription<>(JdbcInbox.of(consumerDb, CONSUMER), PUBLISHER, ParcelScanned.class, event -> {
            long latencyUs = Math.max(0, Duration.between(event.occurredAt(), Instant.now()).toNanos() / 1_000);
            // The handler's effect: one row in the consumer's transaction, as a real handler would write.
            consumerDb.inTransaction(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO delivered (event_id, latency_us) VALUES (?, ?)")) {
                    insert.setString(1, event.eventId().toString());
                    insert.setLong(2, latencyUs);
                    return insert.executeUpdate();
                }
            });
            latencies.recordValue(Math.min(latencyUs, MAX_LATENCY_US));
            consumed.incrementAndGet();
        });
    }

    /** Writes {@code count} events as fast as it can, in transactions of 100, and waits until all are consumed. */
    private void saturate(String phase, int count) {
        long before = consumed.get();
        latencies.reset();
        long start = System.nanoTime();
        for (int written = 0; written < count; written += SATURATION_TRANSACTION) {
            publishInOneTransaction(Math.min(SATURATION_TRANSACTION, count - written));
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        long backlog = count - (consumed.get() - before);
        await(phase + ": all events consumed", Duration.ofMinutes(3), () -> consumed.get() - before >= count);
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        Histogram latency = latencies.getIntervalHistogram();
        System.out.printf("%s.events=%d%n", phase, count);
        System.out.printf("%s.write_seconds=%.2f%n", phase, writeSeconds);
        System.out.printf("%s.seconds=%.2f%n", phase, totalSeconds);
        System.out.printf("%s.events_per_second=%.0f%n", phase, count / totalSeconds);
        System.out.printf("%s.written_per_second=%.0f%n", phase, count / writeSeconds);
        System.out.printf("%s.consumed_extra=%d%n", phase, consumed.get() - before - count);
        // Once writing stopped, relay and consumer work off the backlog without the writer's commits beside them.
        System.out.printf("%s.backlog_at_write_end=%d%n", phase, backlog);
        System.out.printf("%s.drain_per_second=%.0f%n", phase,
                          totalSeconds > writeSeconds ? backlog / (totalSeconds - writeSeconds) : 0.0);
        printLatency(phase, latency);
    }

    /** Writes {@code rate} events a second for {@code seconds} seconds, 10 each 10 ms on a fixed schedule. */
    private void paced(int rate, int seconds) {
        int perTick = 10;
        long tickNanos = TimeUnit.SECONDS.toNanos(1) * perTick / rate;
        int total = rate * seconds;
        long before = consumed.get();
        latencies.reset();
        long start = System.nanoTime();
        long lateTicks = 0;
        for (int written = 0, tick = 0; written < total; written += perTick, tick++) {
            long due = start + tick * tickNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (-wait > tickNanos) {
                lateTicks++;
            }
            publishInOneTransaction(Math.min(perTick, total - written));
        }
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        await("paced: all events consumed", Duration.ofMinutes(2), () -> consumed.get() - before >= total);
        Histogram latency = latencies.getIntervalHistogram();
        System.out.printf("paced.events=%d%n", total);
        System.out.printf("paced.target_per_second=%d%n", rate);
        System.out.printf("paced.written_per_second=%.0f%n", total / writeSeconds);
        System.out.printf("paced.late_ticks=%d%n", lateTicks);
        printLatency("paced", latency);
    }

    // Every event is about a parcel of its own, in every phase: the inbox applies an aggregate's version once, so
    // a parcel scanned again at version 1 would be taken for a redelivery and never reach the handler.
    private void publishInOneTransaction(int size) {
        publisherDb.inTransaction(connection -> {
            for (int i = 0; i < size; i++) {
                outbox.publish(ParcelScanned.of(nextParcel.getAndIncrement()));
            }
            return null;
        });
    }

    private static void printLatency(String phase, Histogram latency) {
        System.out.printf("%s.latency_count=%d%n", phase, latency.getTotalCount());
        System.out.printf("%s.p50_ms=%.1f%n", phase, latency.getValueAtPercentile(50) / 1000.0);
        System.out.printf("%s.p99_ms=%.1f%n", phase, latency.getValueAtPercentile(99) / 1000.0);
        System.out.printf("%s.max_ms=%.1f%n", phase, latency.getMaxValue() / 1000.0);
    }

    private static ContextDatabase open(Path dataDir, String name) {
        return ContextDatabase.open(Config.empty(), dataDir, name, name, Main.class);
    }

    private static boolean ready(EventTransport transport) {
        return transport.healthChecks().stream()
                .filter(check -> check.name().equals("event-broker"))
                .map(HealthCheck::call)
                .anyMatch(response -> response.status() == HealthCheckResponse.Status.UP);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
