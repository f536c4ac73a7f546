package dev.cleave.platform.spi;

import java.util.List;

import io.helidon.health.HealthCheck;

/**
 * How events travel between contexts in one assembly: in-process when no broker module is on the module path, or
 * through a message broker.
 */
public interface EventTransport extends AutoCloseable {

    /**
     * What the startup line says about it, e.g. {@code in-process}.
     *
     * @return a short description
     */
    String describe();

    /**
     * Starts delivering events to this assembly's subscribers.
     *
     * @param subscriptions every local context's subscriptions
     */
    void subscribe(List<Subscription<?>> subscriptions);

    /**
     * Delivers a batch of one publisher's outbox rows, oldest first. Returns only when the rows it reports as
     * delivered can no longer be lost (handled, or confirmed by the broker).
     *
     * @param publisher the publishing context
     * @param records   the rows
     * @return what became of each row
     * @throws TransportUnavailableException if nothing can be delivered now (the broker is unreachable)
     */
    Delivered deliver(String publisher, List<OutboxRecord> records);

    /**
     * Checks for {@code /observe/health}, e.g. the broker connection as a readiness check; their data are figures
     * only (no address, namespace or queue name).
     *
     * @return the checks
     */
    List<HealthCheck> healthChecks();

    @Override
    void close();

    /**
     * Nothing can be delivered now; the rows stay outstanding and no attempt is counted.
     */
    final class TransportUnavailableException extends RuntimeException {
        /**
         * Creates the exception.
         *
         * @param message why
         * @param cause   the failure behind it
         */
        public TransportUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
