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
     */
    record RemoteApi(Object implementation, AutoCloseable closer) {
    }
}
