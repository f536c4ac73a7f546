package dev.cleave.user.adapter.http;

import io.helidon.config.Config;

/**
 * {@link AbstractRetryingARegistrationWithOneIdempotencyKeyTest} on the default database: an embedded H2 file, a
 * new one for each test.
 */
class RetryingARegistrationWithOneIdempotencyKeyOnH2Test
        extends AbstractRetryingARegistrationWithOneIdempotencyKeyTest {
    @Override
    Config database() {
        return Config.empty();
    }
}
