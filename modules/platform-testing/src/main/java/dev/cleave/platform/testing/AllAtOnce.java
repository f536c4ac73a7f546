package dev.cleave.platform.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A race: the same attempt from many threads, all waiting at a gate and then let go together, so that they
 * truly overlap.
 */
public final class AllAtOnce {
    private AllAtOnce() {
    }

    /**
     * Runs an attempt from {@code racers} threads at once and collects what each returned.
     *
     * @param racers  how many threads
     * @param attempt what each does
     * @param <T>     what an attempt returns
     * @return each thread's result, in start order
     * @throws Exception what an attempt threw, or a timeout after 30 s
     */
    public static <T> List<T> race(int racers, Callable<T> attempt) throws Exception {
        CountDownLatch ready = new CountDownLatch(racers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return attempt.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(result(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static <T> T result(Future<T> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new AssertionError("a racer did not finish within 30 s", e);
        }
    }
}
