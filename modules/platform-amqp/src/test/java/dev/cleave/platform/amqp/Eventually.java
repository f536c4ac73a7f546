package dev.cleave.platform.amqp;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits, briefly, for what happens on other threads. */
final class Eventually {
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, PATIENCE, condition);
    }

    static void await(String what, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + patience.toMillis() + " ms in vain for: " + what);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /** Waits until {@code value} equals {@code expected}, reporting the last value seen if it never does. */
    static <T> void awaitEquals(String what, T expected, Supplier<T> value) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        T seen = value.get();
        while (!expected.equals(seen)) {
            if (System.nanoTime() > deadline) {
                fail("waited " + PATIENCE.toMillis() + " ms in vain for " + what + " to be " + expected + "; it is "
                     + seen);
            }
            sleep(Duration.ofMillis(20));
            seen = value.get();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
