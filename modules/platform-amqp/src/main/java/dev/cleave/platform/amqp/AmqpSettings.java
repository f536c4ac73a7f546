package dev.cleave.platform.amqp;

import java.net.URI;
import java.time.Duration;

import io.helidon.config.Config;

/**
 * The transport's configuration, from the {@code cleave.events} node: {@code namespace}, and under {@code amqp}
 * the broker's {@code url} and the tuning below.
 *
 * @param url               the broker ({@code amqp.url}); an empty path means the default virtual host {@code /}
 * @param namespace         the prefix of every exchange and queue ({@code namespace}), so several systems or test
 *                          runs can share one broker
 * @param prefetch          unacknowledged messages a consumer holds at once ({@code amqp.prefetch})
 * @param lanes             events of one queue applied side by side, each in its own transaction
 *                          ({@code amqp.consumer-lanes}); events of one aggregate always share a lane, in order
 * @param maxAttempts       deliveries of one message before it goes to the dead-letter queue
 *                          ({@code amqp.max-attempts}); part of the queues' arguments, so changing it needs new queues
 * @param confirmTimeout    how long a batch waits for the broker's publisher confirms ({@code amqp.confirm-timeout})
 * @param connectTimeout    how long one connection attempt may take ({@code amqp.connect-timeout})
 * @param heartbeat         the heartbeat that detects a silently dead connection ({@code amqp.heartbeat})
 * @param reconnectDelay    the first pause after a failed connection attempt ({@code amqp.reconnect-delay}); it
 *                          doubles after each further failure
 * @param maxReconnectDelay the longest pause between connection attempts ({@code amqp.max-reconnect-delay})
 * @param redeliveryDelay   the first pause before a failed message is tried again ({@code amqp.redelivery-delay});
 *                          it doubles after each further failure, with jitter, up to 30 s
 */
record AmqpSettings(URI url,
                    String namespace,
                    int prefetch,
                    int lanes,
                    int maxAttempts,
                    Duration confirmTimeout,
                    Duration connectTimeout,
                    Duration heartbeat,
                    Duration reconnectDelay,
                    Duration maxReconnectDelay,
                    Duration redeliveryDelay) {
    static final String DEFAULT_URL = "amqp://guest:guest@127.0.0.1:5672/";
    static final String DEFAULT_NAMESPACE = "cleave";

    AmqpSettings {
        if (prefetch < 1) {
            throw new IllegalArgumentException("cleave.events.amqp.prefetch must be at least 1, not " + prefetch);
        }
        if (lanes < 1) {
            throw new IllegalArgumentException("cleave.events.amqp.consumer-lanes must be at least 1, not " + lanes);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("cleave.events.amqp.max-attempts must be at least 1, not "
                                               + maxAttempts);
        }
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("cleave.events.namespace must not be blank");
        }
    }

    static AmqpSettings from(Config events) {
        Config amqp = events.get("amqp");
        return new AmqpSettings(
                URI.create(amqp.get("url").asString().orElse(DEFAULT_URL)),
                events.get("namespace").asString().orElse(DEFAULT_NAMESPACE),
                amqp.get("prefetch").asInt().orElse(200),
                amqp.get("consumer-lanes").asInt().orElse(8),
                amqp.get("max-attempts").asInt().orElse(5),
                amqp.get("confirm-timeout").as(Duration.class).orElse(Duration.ofSeconds(5)),
                amqp.get("connect-timeout").as(Duration.class).orElse(Duration.ofSeconds(2)),
                amqp.get("heartbeat").as(Duration.class).orElse(Duration.ofSeconds(10)),
                amqp.get("reconnect-delay").as(Duration.class).orElse(Duration.ofMillis(500)),
                amqp.get("max-reconnect-delay").as(Duration.class).orElse(Duration.ofSeconds(5)),
                amqp.get("redelivery-delay").as(Duration.class).orElse(Duration.ofMillis(100)));
    }

    /**
     * The broker's address without credentials, for logs and health output.
     *
     * @return e.g. {@code amqp://127.0.0.1:5672/}
     */
    String safeUrl() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        int port = url.getPort();
        return url.getScheme() + "://" + url.getHost() + (port < 0 ? "" : ":" + port) + path;
    }
}
