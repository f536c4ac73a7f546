package dev.cleave.platform.spi;

import java.net.URI;

import io.helidon.config.Config;

/**
 * Satisfies a context's API from another process: an HTTP client of that context's service. Found with
 * {@link java.util.ServiceLoader} in client modules ({@code provides dev.cleave.platform.spi.RemoteApiProvider with
 * ...}); the launcher uses one only when no local context provides the API, so the same code runs in the monolith
 * (in-process) and split (remote).
 */
public interface RemoteApiProvider {

    /**
     * The API interface this client implements.
     *
     * @return the API type
     */
    Class<?> api();

    /**
     * The name of the service that answers, e.g. {@code user}: its URL is configured as
     * {@code cleave.remote.<service>.url}, or the environment variable {@code <SERVICE>_SERVICE_URL}.
     *
     * @return the service name, lower case
     */
    String service();

    /**
     * Where the service answers when nothing is configured.
     *
     * @return the default base URL
     */
    URI defaultUrl();

    /**
     * Creates the client.
     *
     * @param config      the client's configuration: {@code cleave.remote.<service>}
     * @param baseUrl     where the service answers
     * @param credentials this service's own access token, to send with every call
     * @return the client, implementing {@link #api()}; closed when the assembly stops
     */
    RemoteApi connect(Config config, URI baseUrl, ServiceCredentials credentials);

    /**
     * A connected client.
     *
     * @param implementation the object implementing the API
     * @param closer         releases its connections
     * @param resilience     what its fault tolerance shows now, for the metrics and the topology view
     */
    record RemoteApi(Object implementation, AutoCloseable closer, Resilience resilience) {
        /**
         * A client without fault tolerance of its own: no breaker, no retries, no bulkhead.
         *
         * @param implementation the object implementing the API
         * @param closer         releases its connections
         */
        public RemoteApi(Object implementation, AutoCloseable closer) {
            this(implementation, closer, Resilience.NONE);
        }
    }

    /**
     * The state of a client's fault tolerance, read whenever metrics are scraped or the topology is shown; each
     * method must be cheap and must not call the remote service.
     */
    interface Resilience {
        /** A client that has none: no breaker, and nothing retried, in flight or queued to count. */
        Resilience NONE = () -> "none";

        /**
         * The circuit breaker's state.
         *
         * @return {@code closed}, {@code open}, {@code half_open}, or {@code none} without a breaker
         */
        String breakerState();

        /**
         * Calls repeated after a failed attempt, since the client was made.
         *
         * @return the retries so far; 0 for a client that does not retry
         */
        default long retries() {
            return 0;
        }

        /**
         * Calls the bulkhead let through that have not finished.
         *
         * @return the calls in flight; 0 for a client without a bulkhead
         */
        default long inFlight() {
            return 0;
        }

        /**
         * Calls waiting in the bulkhead's queue.
         *
         * @return the calls queued; 0 for a client without a bulkhead
         */
        default long queued() {
            return 0;
        }
    }
}
