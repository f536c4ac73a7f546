/**
 * Events with nothing lost: a transactional outbox per context, a relay that delivers outstanding rows through the
 * assembly's transport (in-process, or a broker module on the module path), and an inbox that makes every consumer
 * apply each event once, and never one older than an event of the same aggregate it applied.
 */
package dev.cleave.platform.persistence.events;
