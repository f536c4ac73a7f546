package dev.cleave.order.wiring;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.cleave.order.domain.OrderService;

/**
 * Every few seconds, for as long as the context runs, cancels the orders that slipped past their user's deletion
 * ({@link OrderService#cancelOrdersThatSlippedPastDeletions}): such an order is cancelled within that time.
 */
final class DeletionSweep implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(DeletionSweep.class.getName());
    private static final Duration EVERY = Duration.ofSeconds(5);

    private final OrderService orders;
    private final Duration every;
    // Counted down to stop: the sweep's thread is never interrupted, since an interrupted JDBC call can damage an
    // embedded database.
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;

    private DeletionSweep(OrderService orders, Duration every) {
        this.orders = orders;
        this.every = every;
        this.thread = Thread.ofVirtual().name("order-deletion-sweep").unstarted(this::run);
    }

    static DeletionSweep start(OrderService orders) {
        return start(orders, EVERY);
    }

    static DeletionSweep start(OrderService orders, Duration every) {
        DeletionSweep sweep = new DeletionSweep(orders, every);
        sweep.thread.start();
        return sweep;
    }

    private void run() {
        while (!stopped()) {
            try {
                int cancelled = orders.cancelOrdersThatSlippedPastDeletions();
                if (cancelled > 0) {
                    LOGGER.log(Level.INFO, "cancelled " + cancelled + " orders placed while their user was being"
                                           + " deleted");
                }
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "sweeping the orders of deleted users failed; trying again in "
                                          + every.toMillis() + " ms", e);
            }
        }
    }

    private boolean stopped() {
        try {
            return stop.await(every.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public void close() {
        stop.countDown();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
