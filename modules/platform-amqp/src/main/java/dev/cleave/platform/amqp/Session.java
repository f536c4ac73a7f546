package dev.cleave.platform.amqp;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport.TransportUnavailableException;
import dev.cleave.platform.spi.OutboxRecord;

/**
 * One connection to the broker and everything on it: a confirm-mode channel per publishing context, a consuming
 * channel per queue, and a channel for counting dead letters. When the connection is lost the transport drops the
 * whole session and builds a new one on the next connection, topology and consumers included.
 */
final class Session {
    private static final System.Logger LOGGER = System.getLogger(Session.class.getName());
    private static final Duration LANES_STOP_WITHIN = Duration.ofSeconds(3);

    private final Connection connection;
    private final Topology topology;
    private final AmqpSettings settings;
    private final Consumer<Session> onLost;
    private final BooleanSupplier stopping;
    private final Function<String, LongAdder> redeliveries;
    // Read by the health check's thread while the connector thread replaces them.
    private final List<EventConsumer> eventConsumers = new CopyOnWriteArrayList<>();
    private final Map<String, ConfirmedPublisher> publishers = new ConcurrentHashMap<>();
    private final List<Channel> consumers = new ArrayList<>();
    private final ReentrantLock countLock = new ReentrantLock();
    private Channel counter;
    private volatile List<String> deadLetterQueues = List.of();
    private volatile String blocked;
    private volatile boolean closing;

    /**
     * @param onLost called (on another thread) when a consumer was stopped by the broker: the transport then drops
     *               this session and reconnects
     * @param stopping whether the transport is being stopped: a catch-up under way then gives up between two events
     * @param redeliveries the count of redelivered messages of a consuming context, kept by the transport
     */
    Session(Connection connection, Topology topology, AmqpSettings settings, Consumer<Session> onLost,
            BooleanSupplier stopping, Function<String, LongAdder> redeliveries) {
        this.connection = connection;
        this.stopping = stopping;
        this.redeliveries = redeliveries;
        this.topology = topology;
        this.settings = settings;
        this.onLost = onLost;
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                LOGGER.log(Level.WARNING, "the broker blocks publishing: " + reason);
                blocked = reason;
            }

            @Override
            public void handleUnblocked() {
                LOGGER.log(Level.INFO, "the broker accepts publishing again");
                blocked = null;
            }
        });
    }

    /**
     * Declares the queues of these subscriptions and starts consuming them, in place of any consumers before. Each
     * subscribed type whose history the consumer has not read yet (a new consumer, a type new to its queue, a
     * catch-up cut short, every type of a queue the broker no longer has) is caught up on first ({@link CatchUp}),
     * after its queue is bound and before it is consumed, so no event falls between the history and the queue.
     */
    void consume(List<QueueSubscription> queues) throws IOException {
        stopConsuming();
        Channel declaring = connection.createChannel();
        try {
            for (QueueSubscription queue : queues) {
                if (!exists(queue.name())) {
                    // Nothing kept events for this consumer (a new broker, its queue deleted): what it read of the
                    // history before is no longer enough. Forgotten before the queue is made, so a crash until the
                    // catch-up is done leaves it to be done again.
                    CatchUp.forgetWhatWasRead(queue);
                }
                topology.declareSubscriber(declaring, queue.consumer(), queue.publisher(), queue.byType().keySet(),
                                           settings.maxAttempts());
                // Earlier releases marked an unfinished catch-up with this empty queue; the consumer's own record
                // of its catch-ups replaces it (deleting a queue that is not there is no error).
                declaring.queueDelete(queue.name() + ".catching-up");
            }
            for (QueueSubscription queue : queues) {
                new CatchUp(connection, topology, queue, settings, stopping).run();
            }
        } finally {
            closeQuietly(declaring);
        }
        List<String> deadLetters = new ArrayList<>();
        for (QueueSubscription queue : queues) {
            Channel channel = connection.createChannel();
            consumers.add(channel);
            channel.basicQos(settings.prefetch());
            String deadLetterQueue = topology.deadLetterQueue(queue.name());
            EventConsumer consumer = new EventConsumer(channel, queue, deadLetterQueue, settings, this::lost,
                                                       redeliveries.apply(queue.consumer()));
            eventConsumers.add(consumer);
            channel.basicConsume(queue.name(), false, consumer);
            deadLetters.add(deadLetterQueue);
        }
        deadLetterQueues = List.copyOf(deadLetters);
    }

    /** Whether a queue exists; asked on a channel of its own, since the broker closes the channel if not. */
    private boolean exists(String queue) throws IOException {
        Channel asking = connection.createChannel();
        try {
            asking.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            if (e.getCause() instanceof ShutdownSignalException signal && !signal.isHardError()) {
                return false; // 404 NOT_FOUND closes the channel, not the connection
            }
            throw e;
        } finally {
            closeQuietly(asking);
        }
    }

    private void stopConsuming() {
        consumers.forEach(Session::closeQuietly);
        consumers.clear();
        eventConsumers.clear();
    }

    Delivered deliver(String publisher, List<OutboxRecord> records) throws InterruptedException {
        String reason = blocked;
        if (reason != null) {
            throw new TransportUnavailableException("the broker blocks publishing: " + reason, null);
        }
        return publishers.computeIfAbsent(publisher, name -> new ConfirmedPublisher(connection, topology, name,
                                                                                    settings))
                .publish(records);
    }

    /**
     * The messages waiting in this session's dead-letter queues, by queue.
     *
     * @throws IOException if the broker did not answer
     */
    Map<String, Long> deadLetters() throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String queue : deadLetterQueues) {
            counts.put(queue, messageCount(queue));
        }
        return counts;
    }

    /**
     * How far each consuming context lags behind: the messages its queues hold at the broker, and those delivered
     * to it that its lanes have not taken up yet.
     *
     * @return messages waiting, by consuming context
     * @throws IOException if the broker did not answer
     */
    Map<String, Long> lag() throws IOException {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (EventConsumer consumer : eventConsumers) {
            long waiting = messageCount(consumer.queue().name()) + consumer.waiting();
            lag.merge(consumer.queue().consumer(), waiting, Long::sum);
        }
        return lag;
    }

    // One channel for every count, opened again should the broker have closed it.
    private long messageCount(String queue) throws IOException {
        countLock.lock();
        try {
            if (counter == null || !counter.isOpen()) {
                counter = connection.createChannel();
            }
            return counter.messageCount(queue);
        } finally {
            countLock.unlock();
        }
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    boolean isClosing() {
        return closing;
    }

    private void lost() {
        if (!closing) {
            Thread.ofVirtual().name("amqp-session-reset").start(() -> onLost.accept(this));
        }
    }

    /** Drops the connection without closing it politely, so the transport reconnects. */
    void abort() {
        connection.abort(1_000);
    }

    /** Closes everything on purpose: no reconnect follows. */
    void close() {
        closing = true;
        // The lanes first, while the channels are open: a batch under way commits and is acknowledged, nothing is
        // interrupted inside JDBC, and what no lane started yet is delivered again on the next connection.
        List<EventConsumer> stopped = List.copyOf(eventConsumers);
        stopped.forEach(EventConsumer::stop);
        long until = System.nanoTime() + LANES_STOP_WITHIN.toNanos();
        for (EventConsumer consumer : stopped) {
            consumer.awaitStopped(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
        }
        publishers.values().forEach(ConfirmedPublisher::close);
        try {
            if (connection.isOpen()) {
                connection.close(2_000);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "closing the broker connection failed", e);
            connection.abort(1_000);
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            LOGGER.log(Level.DEBUG, "closing a channel failed", e);
        }
    }
}
