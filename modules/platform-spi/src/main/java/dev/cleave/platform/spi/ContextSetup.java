package dev.cleave.platform.spi;

import java.nio.file.Path;
import java.util.Map;

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

    /**
     * A setup with fixed bindings: what the launcher builds, and what a test uses to start one context alone.
     *
     * @param config  the configuration
     * @param dataDir the data directory
     * @param context the context being started (its {@code requires()} limits what it may ask for)
     * @param apis    implementations of the context's required APIs
     * @return the setup
     */
    static ContextSetup of(Config config, Path dataDir, ContextProvider context, Map<Class<?>, ?> apis) {
        Map<Class<?>, ?> bound = Map.copyOf(apis);
        return new ContextSetup() {
            @Override
            public Config config() {
                return config;
            }

            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public <T> T require(Class<T> api) {
                if (!context.requires().contains(api)) {
                    throw new IllegalArgumentException("context '" + context.name() + "' did not declare "
                                                       + api.getName() + " in requires()");
                }
                Object implementation = bound.get(api);
                if (implementation == null) {
                    throw new IllegalStateException("no implementation of " + api.getName() + " is bound");
                }
                return api.cast(implementation);
            }
        };
    }
}
