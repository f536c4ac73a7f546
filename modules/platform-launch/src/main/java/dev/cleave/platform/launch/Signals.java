package dev.cleave.platform.launch;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import sun.misc.Signal;

/**
 * Stops an assembly on {@code SIGTERM} or {@code SIGINT} in order, then exits {@code 0}: readiness down, the drain,
 * the server's grace for requests in flight, relays and consumers, pools ({@link RunningAssembly#drainThenClose}).
 * The JVM's own handling of these signals (shutdown hooks run all at once, exit status 143) is replaced, because it
 * cannot wait for a load balancer to notice. A watchdog halts the JVM with status {@code 1} if the whole stop takes
 * longer than its bound, so a stuck step never keeps a pod from going.
 */
final class Signals {
    private static final System.Logger LOGGER = System.getLogger(Signals.class.getName());

    private Signals() {
    }

    /**
     * Installs the handlers; a signal the JVM does not let us handle (e.g. under {@code -Xrs}) is left to the
     * shutdown hook, which closes the assembly without a drain.
     *
     * @param running the assembly to stop
     * @param bound   the longest the whole stop may take
     */
    static void stopOn(RunningAssembly running, Duration bound) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        // Not a daemon (as the signal's own thread is): once the server's threads end, the JVM would
                        // begin exiting on its own, with status 0, before the pools are closed.
                        Thread.ofPlatform().daemon(false).name("cleave-stop")
                                .start(() -> stop(running, bound, "SIG" + name));
                    }
                });
            } catch (IllegalArgumentException e) {
                LOGGER.log(Level.WARNING, "cannot handle SIG" + name + " (" + e.getMessage() + "); it stops the "
                                          + "assembly without a drain");
            }
        }
    }

    private static void stop(RunningAssembly running, Duration bound, String signal) {
        Thread.ofPlatform().daemon().name("cleave-stop-watchdog").start(() -> {
            try {
                Thread.sleep(bound);
            } catch (InterruptedException e) {
                return;
            }
            LOGGER.log(Level.ERROR, "stopping took longer than " + bound.toMillis() + " ms; halting");
            Runtime.getRuntime().halt(1);
        });
        long started = System.nanoTime();
        LOGGER.log(Level.INFO, signal + ": stopping (readiness down, drain, in-flight requests, relays, pools)");
        running.drainThenClose();
        LOGGER.log(Level.INFO, "stopped in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        System.exit(0);
    }
}
