package dev.cleave.platform.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting, with a deadline, for what happens on other threads or in other processes: an event applied, a broker
 * reconnected. Fails with what was awaited and the last value seen, never hangs.
 */
public final class Eventually {
    /** How long tests wait unless they say otherwise. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private Eventually() {
    }

    /**
     * Waits until a condition holds, for {@link #PATIENCE}.
     *
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     */
    public static void await(String what, BooleanSupplier condition) {
        await(what, PATIENCE, condition);
    }

    /**
     * Waits until a condition holds.
     *
     * @param what      what is awaited, for the failure message
     * @param patience  how long to wait
     * @param condition the condition
     */
    public static void await(String what, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + patience.toMillis() + " ms in vain for: " + what);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /**
     * Waits until a value equals what is expected, for {@link #PATIENCE}.
     *
     * @param what     what is awaited, for the failure message
     * @param expected the value expected
     * @param value    reads the value
     * @param <T>      the value's type
     */
    public static <T> void awaitEquals(String what, T expected, Supplier<T> value) {
        awaitEquals(what, PATIENCE, expected, value);
    }

    /**
     * Waits until a value equals what is expected, reporting the last value seen if it never does.
     *
     * @param what     what is awaited, for the failure message
     * @param patience how long to wait
     * @param expected the value expected
     * @param value    reads the value
     * @param <T>      the value's type
     * @return the value, once it equals {@code expected}
     */
    public static <T> T awaitEquals(String what, Duration patience, T expected, Supplier<T> value) {
        long deadline = System.nanoTime() + patience.toNanos();
        T seen = value.get();
        while (!expected.equals(seen)) {
            if (System.nanoTime() > deadline) {
                fail("waited " + patience.toMillis() + " ms in vain for " + what + " to be " + expected + "; it is "
                     + seen);
            }
            sleep(Duration.ofMillis(20));
            seen = value.get();
        }
        return seen;
    }

    /**
     * Sleeps, turning an interrupt into a test failure.
     *
     * @param duration how long
     */
    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
