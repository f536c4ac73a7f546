/**
 * How a bounded context plugs into an assembly: a {@link dev.cleave.platform.spi.ContextProvider} found with
 * {@link java.util.ServiceLoader} declares the APIs it provides and requires, and starts into a
 * {@link dev.cleave.platform.spi.RunningContext} that contributes routes and health checks.
 */
package dev.cleave.platform.spi;
