package dev.cleave.platform.amqp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Events through RabbitMQ. Creating it never waits for the broker: a background thread connects, and after every
 * (re)connect declares the topology and starts the consumers again; until then {@link #deliver} fails at once with
 * {@link TransportUnavailableException}, so events wait in the outboxes, and the readiness check is down.
 *
 * <p>The client's own automatic recovery is off: it cannot make the first connection, and one place that rebuilds
 * everything is easier to trust than two.
 */
final class AmqpTransport implements EventTransport {
    private static final System.Logger LOGGER = System.getLogger(AmqpTransport.class.getName());
    private static final String HEALTH_CHECK = "event-broker";
    // Part of the assembly's stop bound (10 s): an event of a catch-up, or a connection attempt, ends well within it.
    private static final Duration STOP_WITHIN = Duration.ofSeconds(3);

    private final AmqpSettings settings;
    private final Topology topology;
    private final ConnectionFactory factory;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread connector;
    private List<QueueSubscription> queues = List.of();
    private volatile Session session;
    private volatile boolean running = true;
    private volatile String lastFailure = "not connected yet";
    // What the log last said about dead letters, so each change is logged once rather than at every probe.
    private volatile String reportedDeadLetters = "";
    private volatile boolean countFailureLogged;
    // Redelivered messages by consuming context, since the start: kept here so reconnecting does not reset them.
    private final Map<String, LongAdder> redelivered = new ConcurrentHashMap<>();

    private AmqpTransport(AmqpSettings settings) {
        this.settings = settings;
        this.topology = new Topology(settings.namespace());
        this.factory = connectionFactory(settings);
        this.connector = Thread.ofVirtual().name("amqp-connector").unstarted(this::connectWhileRunning);
    }

    static AmqpTransport start(AmqpSettings settings) {
        AmqpTransport transport = new AmqpTransport(settings);
        transport.connector.start();
        return transport;
    }

    static ConnectionFactory connectionFactory(AmqpSettings settings) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.url());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cleave.events.amqp.url is not a usable AMQP URL: "
                                               + settings.safeUrl(), e);
        }
        String path = settings.url().getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            // The AMQP URI spec reads "amqp://host/" as the empty virtual host; everyone means the default one.
            factory.setVirtualHost("/");
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        factory.setConnectionTimeout(millis(settings.connectTimeout()));
        factory.setHandshakeTimeout(millis(settings.connectTimeout()));
        factory.setChannelRpcTimeout(millis(settings.confirmTimeout().plus(settings.connectTimeout())));
        factory.setRequestedHeartbeat(Math.max(1, (int) settings.heartbeat().toSeconds()));
        return factory;
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    @Override
    public String describe() {
        return "RabbitMQ at " + settings.safeUrl() + " (namespace " + settings.namespace() + ")";
    }

    @Override
    public void subscribe(List<Subscription<?>> subscriptions) {
        List<QueueSubscription> grouped = QueueSubscription.of(topology, subscriptions);
        lock.lock();
        try {
            queues = grouped;
            Session current = session;
            if (current != null) {
                try {
                    current.consume(grouped);
                } catch (IOException | RuntimeException e) {
                    LOGGER.log(Level.WARNING, "starting the consumers failed (" + e.getMessage() + "); reconnecting");
                    current.abort();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Delivered deliver(String publisher, List<OutboxRecord> records) {
        if (records.isEmpty()) {
            return Delivered.all(records);
        }
        Session current = session;
        if (current == null || !running) {
            throw new TransportUnavailableException("no connection to the broker at " + settings.safeUrl() + " ("
                                                    + lastFailure + ")", null);
        }
        try {
            return current.deliver(publisher, records);
        } catch (ShutdownSignalException e) {
            throw new TransportUnavailableException("the connection to the broker broke: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportUnavailableException("interrupted while waiting for the broker's confirms", e);
        }
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(new HealthCheck() {
            @Override
            public HealthCheckType type() {
                return HealthCheckType.READINESS;
            }

            @Override
            public String name() {
                return HEALTH_CHECK;
            }

            @Override
            public HealthCheckResponse call() {
                return health();
            }
        });
    }

    // Figures only: the address, the namespace, queue names and failure reasons stay in the log, where the connector
    // thread and the dead-letter count below write them once each, not once per probe. Per consuming context:
    // lag.<context> (messages waiting for it) and redelivered.<context> (messages handed out again since the start).
    private HealthCheckResponse health() {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return HealthCheckResponse.builder().status(false).build();
        }
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true);
        redelivered.forEach((consumer, count) -> response.detail("redelivered." + consumer, count.sum()));
        try {
            Map<String, Long> deadLetters = current.deadLetters();
            response.detail("deadLetters", deadLetters.values().stream().mapToLong(Long::longValue).sum());
            String waiting = deadLetters.entrySet().stream()
                    .filter(queue -> queue.getValue() > 0)
                    .map(queue -> queue.getKey() + "=" + queue.getValue())
                    .collect(Collectors.joining(", "));
            if (!waiting.isEmpty() && !waiting.equals(reportedDeadLetters)) {
                LOGGER.log(Level.WARNING, "dead letters wait in " + waiting);
            }
            reportedDeadLetters = waiting;
            // By consuming context, whose name the outbox checks show already: no queue name, no address.
            current.lag().forEach((consumer, messages) -> response.detail("lag." + consumer, messages));
            countFailureLogged = false;
        } catch (IOException | RuntimeException e) {
            // Connected, but the count is unknown right now; that alone does not make the service unready.
            if (!countFailureLogged) {
                LOGGER.log(Level.WARNING, "cannot count the dead letters at the broker: " + e.getMessage());
                countFailureLogged = true;
            }
        }
        return response.build();
    }

    /** The connector thread: connects, and after a loss connects again, with a growing pause between attempts. */
    private void connectWhileRunning() {
        Duration delay = settings.reconnectDelay();
        boolean warned = false;
        while (running) {
            Session current = session;
            if (current != null) {
                awaitLoss(current);
                continue;
            }
            try {
                connect();
                delay = settings.reconnectDelay();
                warned = false;
            } catch (IOException | TimeoutException | RuntimeException e) {
                // A broker that answered but a start that failed (a consumer's database away during its catch-up,
                // say) is told as such, not as an unreachable broker.
                boolean reached = e instanceof StartFailed;
                lastFailure = reason(reached ? e.getCause() : e);
                if (!running) {
                    return;
                }
                if (!warned) {
                    LOGGER.log(Level.WARNING, (reached ? "reached the broker at " + settings.safeUrl()
                                                         + " but cannot start consuming ("
                                                       : "cannot reach the broker at " + settings.safeUrl() + " (")
                                              + lastFailure + "); events wait in the outboxes, retrying in the "
                                              + "background");
                    warned = true;
                } else {
                    LOGGER.log(Level.DEBUG, "still not consuming: " + lastFailure);
                }
                sleep(delay);
                delay = delay.multipliedBy(2).compareTo(settings.maxReconnectDelay()) > 0
                        ? settings.maxReconnectDelay() : delay.multipliedBy(2);
            }
        }
    }

    private void connect() throws IOException, TimeoutException {
        Connection connection = factory.newConnection("cleave " + settings.namespace());
        Session fresh = null;
        lock.lock();
        try {
            if (!running) {
                connection.abort(1_000);
                return;
            }
            fresh = new Session(connection, topology, settings, this::reset, () -> !running,
                                consumer -> redelivered.computeIfAbsent(consumer, name -> new LongAdder()));
            fresh.consume(queues);
            session = fresh;
            changed.signalAll();
        } catch (IOException | RuntimeException e) {
            if (fresh != null) {
                fresh.close();
            } else {
                connection.abort(1_000);
            }
            throw new StartFailed(e);
        } finally {
            lock.unlock();
        }
        Session connected = fresh;
        // Called at once if the connection closed in the meantime; handled on a thread of its own, so the client's
        // I/O thread never waits for this transport's lock.
        connection.addShutdownListener(cause -> Thread.ofVirtual().name("amqp-connection-lost")
                .start(() -> lost(connected, cause)));
        LOGGER.log(Level.INFO, "connected to the broker at " + settings.safeUrl() + "; " + queues.size()
                               + " queue(s) consumed");
    }

    private void lost(Session lost, ShutdownSignalException cause) {
        if (lost.isClosing()) {
            return;
        }
        String why = cause.getCause() != null ? reason(cause.getCause()) : cause.getMessage();
        lastFailure = "connection lost: " + why;
        LOGGER.log(Level.WARNING, "lost the connection to the broker at " + settings.safeUrl() + " (" + why
                                  + "); events wait in the outboxes, reconnecting");
        dropSession(lost);
    }

    /** A consumer was stopped by the broker: drop the whole session and build it anew. */
    private void reset(Session broken) {
        dropSession(broken);
        broken.abort();
    }

    private void dropSession(Session dropped) {
        lock.lock();
        try {
            if (session == dropped) {
                session = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitLoss(Session current) {
        lock.lock();
        try {
            while (running && session == current) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void sleep(Duration delay) {
        lock.lock();
        try {
            if (running) {
                changed.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The broker answered, but setting up the session (topology, catch-ups, consumers) failed. */
    private static final class StartFailed extends IOException {
        StartFailed(Exception cause) {
            super(cause);
        }
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /**
     * Stops the transport within a bound: never interrupts the connector, which may be applying an event of a
     * catch-up inside JDBC, and never waits for the lock a catch-up holds. A catch-up notices the stop between two
     * events and gives up; it is not recorded as done, so the next start does it again.
     */
    @Override
    public void close() {
        running = false;
        try {
            // The connector holds the lock for a whole (re)connect, catch-up included; it reads the flag without it.
            if (lock.tryLock(100, TimeUnit.MILLISECONDS)) {
                try {
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            if (!connector.join(STOP_WITHIN)) {
                LOGGER.log(Level.WARNING, "the broker connector did not stop within " + STOP_WITHIN.toMillis()
                                          + " ms; closing without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Session current = session;
        session = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
