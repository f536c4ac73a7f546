package dev.cleave.platform.spi;

import io.helidon.health.HealthCheck;

/**
 * A context's published events waiting to be delivered (its outbox), as the launcher sees it: the launcher only
 * starts a relay that moves them to the assembly's transport, and never needs to know how they are stored.
 */
public interface EventSource {

    /**
     * The publishing context's name.
     *
     * @return the name
     */
    String publisher();

    /**
     * Starts moving the waiting events to a transport.
     *
     * @param transport where the events go
     * @return the running relay
     */
    Relay relayTo(EventTransport transport);

    /**
     * A running relay of one source.
     */
    interface Relay extends AutoCloseable {

        /**
         * How far behind delivery is, for {@code /observe/health/ready}: a readiness check, never a liveness one
         * (nothing about the source is cured by restarting the process), whose data are figures only.
         *
         * @return the check
         */
        HealthCheck healthCheck();

        /**
         * Stops relaying.
         */
        @Override
        void close();
    }
}
