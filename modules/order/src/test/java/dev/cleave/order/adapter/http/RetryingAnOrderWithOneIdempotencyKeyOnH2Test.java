package dev.cleave.order.adapter.http;

import io.helidon.config.Config;

/**
 * {@link AbstractRetryingAnOrderWithOneIdempotencyKeyTest} on the default database: an embedded H2 file, a new one
 * for each test.
 */
class RetryingAnOrderWithOneIdempotencyKeyOnH2Test extends AbstractRetryingAnOrderWithOneIdempotencyKeyTest {
    @Override
    Config database() {
        return Config.empty();
    }
}
