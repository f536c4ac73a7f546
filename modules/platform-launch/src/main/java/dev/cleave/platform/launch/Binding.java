package dev.cleave.platform.launch;

/**
 * How one required API is satisfied in this assembly, for the startup line and for wiring.
 *
 * @param api            the API type
 * @param implementation the object that implements it
 * @param description    where it comes from, e.g. {@code in-process (user)}
 */
record Binding(Class<?> api, Object implementation, String description) {
    @Override
    public String toString() {
        return api.getSimpleName() + " -> " + description;
    }
}
