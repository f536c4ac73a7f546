package dev.cleave.user.client;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * The client's tuning, under {@code cleave.remote.user}. The defaults keep the worst case (a slow service: two
 * attempts that each time out) well under the 2.5 s in which a client must get its 503.
 *
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for a reply
 * @param attempts       calls per lookup, including the first; lookups are GETs, so retrying is safe
 * @param retryDelay     the pause before a retry, plus up to as much again of random jitter
 * @param breakerDelay   how long the breaker stays open before it lets a trial call through
 * @param concurrency    the most lookups in flight at once (the bulkhead); more wait in a queue of twice that
 */
record UserClientSettings(Duration connectTimeout,
                          Duration readTimeout,
                          int attempts,
                          Duration retryDelay,
                          Duration breakerDelay,
                          int concurrency) {

    static UserClientSettings from(Config config) {
        return new UserClientSettings(
                config.get("connect-timeout").as(Duration.class).orElse(Duration.ofMillis(250)),
                config.get("read-timeout").as(Duration.class).orElse(Duration.ofMillis(700)),
                config.get("attempts").asInt().orElse(2),
                config.get("retry-delay").as(Duration.class).orElse(Duration.ofMillis(50)),
                config.get("breaker-delay").as(Duration.class).orElse(Duration.ofSeconds(5)),
                config.get("concurrency").asInt().orElse(64));
    }
}
