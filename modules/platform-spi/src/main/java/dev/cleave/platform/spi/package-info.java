/**
 * How a bounded context plugs into an assembly: a {@link dev.cleave.platform.spi.ContextProvider} found with
 * {@link java.util.ServiceLoader} declares the APIs it provides and requires, and starts into a
 * {@link dev.cleave.platform.spi.RunningContext} that contributes routes, health checks, the events it publishes
 * ({@link dev.cleave.platform.spi.EventSource}) and those it consumes ({@link dev.cleave.platform.spi.Subscription}),
 * with the rules every transport shares for failures ({@link dev.cleave.platform.spi.Faults},
 * {@link dev.cleave.platform.spi.Backoff}) and the events a consumer gives up on
 * ({@link dev.cleave.platform.spi.DeadLetters}), and which publishers' history it has read
 * ({@link dev.cleave.platform.spi.CatchUps}).
 * Also the other extension points an assembly finds on its module path: remote API clients and event transports.
 */
package dev.cleave.platform.spi;
