package dev.cleave.platform.spi;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Growing pauses between retries: exponential from a first delay, capped, each with jitter (a random point in its
 * upper half), so that consumers which failed together do not retry together. Not thread-safe; one per retry loop.
 */
public final class Backoff {
    /** The longest pause before retrying after a passing fault. */
    public static final Duration CAP = Duration.ofSeconds(30);
    // A waiting thread checks this often whether it should stop, so stopping never waits for a whole pause.
    private static final Duration SLICE = Duration.ofMillis(100);

    private final Duration first;
    private final Duration cap;
    private Duration next;

    private Backoff(Duration first, Duration cap) {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= cap, not " + first + " and " + cap);
        }
        this.first = first;
        this.cap = cap;
        this.next = first;
    }

    /**
     * A backoff from {@code first}, doubling up to {@link #CAP}.
     *
     * @param first the first pause (before jitter)
     * @return the backoff
     */
    public static Backoff from(Duration first) {
        return new Backoff(first, CAP.compareTo(first) < 0 ? first : CAP);
    }

    /**
     * The pause before attempt {@code attempt + 1} when {@code attempt} attempts failed, for retries spread over
     * time rather than made in one loop (an outbox row's next attempt).
     *
     * @param first   the first pause
     * @param attempt failed attempts so far, at least 1
     * @return the pause, with jitter
     */
    public static Duration after(Duration first, int attempt) {
        Backoff backoff = from(first);
        for (int i = 1; i < attempt && backoff.next.compareTo(backoff.cap) < 0; i++) {
            backoff.next();
        }
        return backoff.next();
    }

    /**
     * The next pause: the current delay with jitter; the delay then doubles, up to the cap.
     *
     * @return how long to wait before the next attempt
     */
    public Duration next() {
        Duration delay = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(cap) > 0 ? cap : doubled;
        long half = delay.toNanos() / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * Starts again from the first delay, after a success.
     */
    public void reset() {
        next = first;
    }

    /**
     * Waits, in short slices, while {@code running} holds: a stop is noticed within a tenth of a second, without
     * interrupting anyone. An interrupt ends the wait too, and is kept on the thread.
     *
     * @param pause   how long to wait
     * @param running whether to keep waiting
     * @return whether the whole pause passed with {@code running} still true
     */
    public static boolean sleep(Duration pause, BooleanSupplier running) {
        long until = System.nanoTime() + pause.toNanos();
        try {
            for (long left = pause.toNanos(); left > 0; left = until - System.nanoTime()) {
                if (!running.getAsBoolean()) {
                    return false;
                }
                Thread.sleep(Duration.ofNanos(Math.min(left, SLICE.toNanos())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return running.getAsBoolean();
    }
}
