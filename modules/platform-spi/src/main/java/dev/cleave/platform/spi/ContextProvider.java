package dev.cleave.platform.spi;

import java.util.List;
import java.util.Set;

/**
 * A bounded context, as the launcher sees it. Implementations live in a context's hidden packages and are
 * published with {@code provides dev.cleave.platform.spi.ContextProvider with ...} in its {@code module-info}.
 */
public interface ContextProvider {

    /**
     * The context's short name, used in logs, configuration keys and database names, e.g. {@code user}.
     *
     * @return the name, lower case
     */
    String name();

    /**
     * The API interfaces this context implements for others to call in-process.
     *
     * @return the provided API types
     */
    Set<Class<?>> provides();

    /**
     * The API interfaces this context needs from other contexts; the launcher binds each one before
     * {@link #start(ContextSetup)}.
     *
     * @return the required API types
     */
    Set<Class<?>> requires();

    /**
     * The OpenAPI documents of the context's HTTP API, one per major version it serves, read from its own module
     * ({@link ApiDocument#of}). The launcher serves them at {@code /openapi} (assembled into one when it runs more than
     * one) and each at {@code /openapi/<name>}.
     *
     * @return the documents; empty for a context without an HTTP API
     */
    default List<ApiDocument> apiDocuments() {
        return List.of();
    }

    /**
     * Starts the context: opens its database, wires its internals and returns its running parts.
     *
     * @param setup configuration and the bound required APIs
     * @return the running context
     */
    RunningContext start(ContextSetup setup);
}
