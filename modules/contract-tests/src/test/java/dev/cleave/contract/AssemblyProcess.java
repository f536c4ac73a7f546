package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One assembled topology started as its own JVM, exactly as {@code ./cleave run} starts it: {@code java -p
 * <assembly>/target/modules -m <main module>}, on a free loopback port, with its own data directory. Stopped by
 * PID.
 */
final class AssemblyProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final Path dataDir;
    private final Map<String, String> env;

    private AssemblyProcess(String name, Process process, int port, Path log, Path dataDir, Map<String, String> env) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.dataDir = dataDir;
        this.env = env;
    }

    /**
     * Starts an assembly and waits until its health endpoint answers 200.
     *
     * @param assembly the assembly name: {@code monolith}, {@code user} or {@code order}
     * @param dataDir  its data directory
     * @param env      extra environment variables; an empty value removes the variable (one of the defaults)
     * @return the running process
     */
    static AssemblyProcess start(String assembly, Path dataDir, Map<String, String> env) {
        // A PORT given in env is kept, for a peer that had to know the port before this service started.
        int port = env.containsKey("PORT") ? Integer.parseInt(env.get("PORT")) : freePort();
        return start(assembly, dataDir, env, port);
    }

    /**
     * Starts the same assembly again on the same port, data directory and environment, after this one stopped:
     * a restart, as clients of it see one.
     *
     * @return the new process
     */
    AssemblyProcess restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        return start(name, dataDir, env, port);
    }

    private static AssemblyProcess start(String assembly, Path dataDir, Map<String, String> env, int port) {
        Path modules = Path.of(System.getProperty("cleave.assembly." + assembly, "missing"));
        if (!Files.isDirectory(modules)) {
            throw new IllegalStateException("the assembly " + assembly + " is not built at " + modules
                                            + "; build it first (./cleave build)");
        }
        try {
            Path workDir = Files.createDirectories(Path.of(System.getProperty("cleave.work.dir", "target")));
            Path log = Files.createTempFile(workDir, assembly + "-", ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:+UseSerialGC",
                                                           "-p", modules.toString(),
                                                           "-m", "dev.cleave.app." + assembly));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("HOST", "127.0.0.1");
            builder.environment().put("CLEAVE_DATA_DIR", dataDir.toString());
            // No load balancer watches these processes: stop at once, unless a test is about the drain.
            builder.environment().put("CLEAVE_SHUTDOWN_DRAIN", "0");
            // The development issuer, with the key the tests mint their tokens with; a test of real issuers
            // configures one instead, and then this key is never trusted.
            builder.environment().put("CLEAVE_AUTH_DEV", "true");
            builder.environment().put("CLEAVE_AUTH_DEV_KEY", DevTokens.KEY.toString());
            builder.environment().putAll(env);
            // An empty value takes a default away, e.g. CLEAVE_AUTH_DEV to see what an assembly does by itself.
            env.forEach((name, value) -> {
                if (value.isEmpty()) {
                    builder.environment().remove(name);
                }
            });
            AssemblyProcess started = new AssemblyProcess(assembly, builder.start(), port, log, dataDir,
                                                          Map.copyOf(env));
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the JVM gracefully (SIGTERM), as an operator would.
     */
    @Override
    public void close() {
        if (process.isAlive()) {
            thawQuietly();
        }
        process.destroy();
        awaitExit();
    }

    // A frozen JVM cannot run its shutdown hooks; let it, in case a test stopped while it was frozen.
    private void thawQuietly() {
        try {
            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            // the process is stopped below either way
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Sends {@code SIGTERM}, as an orchestrator stopping a pod does, and does not wait.
     */
    void terminate() {
        process.destroy();
    }

    /**
     * Waits for the JVM to exit.
     *
     * @param within the longest wait
     * @return its exit status, or empty if it still runs
     */
    OptionalInt awaitExit(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)
                    ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Freezes the JVM (SIGSTOP): it still accepts connections, the kernel queues them, but it answers nothing, as a
     * service stuck in a long pause would.
     */
    void freeze() {
        signal("STOP");
    }

    /**
     * Lets a frozen JVM run again (SIGCONT).
     */
    void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kills the JVM without warning (SIGKILL), as a crash would.
     */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("/observe/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (PROBE.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep();
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not become healthy within " + START_TIMEOUT + ":\n" + log());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JDK the tests run on, for the processes they start. */
    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
