package dev.cleave.platform.spi;

import java.nio.file.Path;

import io.helidon.config.Config;

/**
 * What a context gets from the assembly when it starts.
 */
public interface ContextSetup {

    /**
     * The assembly's whole configuration; a context reads its own keys from it.
     *
     * @return the configuration
     */
    Config config();

    /**
     * The directory where embedded databases and other local state live ({@code CLEAVE_DATA_DIR}).
     *
     * @return the data directory, created if it did not exist
     */
    Path dataDir();

    /**
     * The implementation bound to one of the APIs this context {@linkplain ContextProvider#requires() requires}:
     * in-process from another local context, or a remote client.
     *
     * @param api the API type
     * @param <T> the API type
     * @return the bound implementation
     * @throws IllegalArgumentException if the context did not declare the API as required
     */
    <T> T require(Class<T> api);
}
