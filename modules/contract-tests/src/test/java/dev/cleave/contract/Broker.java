package dev.cleave.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ virtual host of one's own on the machine's broker (127.0.0.1:5672, guest/guest), created for a test
 * class and deleted with everything in it afterwards, so runs never see each other's exchanges or queues.
 */
final class Broker implements AutoCloseable {
    private final String vhost = "cleave-test-" + UUID.randomUUID().toString().substring(0, 12);

    private Broker() {
    }

    static Broker create() {
        Broker broker = new Broker();
        broker.add();
        return broker;
    }

    /**
     * Replaces the broker by an empty one at the same URL, as when a broker is rebuilt: every exchange, queue and
     * message is gone, and connected services lose their connection and reconnect.
     */
    void replace() {
        rabbitmqctl("delete_vhost", vhost);
        add();
    }

    private void add() {
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    /** The URL services get as {@code CLEAVE_AMQP_URL}. */
    String url() {
        return url(5672);
    }

    /** The URL through another port, e.g. a {@link TcpProxy} in front of the broker. */
    String url(int port) {
        return "amqp://guest:guest@127.0.0.1:" + port + "/" + URLEncoder.encode(vhost, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        rabbitmqctl("delete_vhost", vhost);
    }

    private static void rabbitmqctl(String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rabbitmqctl is needed to give tests their own vhost", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
