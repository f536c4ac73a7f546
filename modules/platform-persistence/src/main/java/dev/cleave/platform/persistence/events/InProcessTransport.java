package dev.cleave.platform.persistence.events;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventSpans;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import dev.cleave.platform.spi.Tracing;
import io.helidon.health.HealthCheck;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;

/**
 * Delivers events straight to the subscribers in this process: the monolith's transport. Still fed by the outbox
 * relay, so a crash loses nothing and no broker is needed.
 */
public final class InProcessTransport implements EventTransport {
    private static final System.Logger LOGGER = System.getLogger(InProcessTransport.class.getName());
    // The messaging.system of its spans: no broker, the relay calls the subscribers itself.
    private static final String SYSTEM = "in-process";

    private volatile List<Subscription<?>> subscriptions = List.of();

    @Override
    public String describe() {
        return "in-process";
    }

    @Override
    public void subscribe(List<Subscription<?>> subscriptions) {
        this.subscriptions = List.copyOf(subscriptions);
    }

    /**
     * Hands each row to the subscribers of its type, oldest first. A subscriber that fails for a passing reason
     * ({@link Faults#isPassing}) stops the batch: that row and those after it are left untouched, with no attempt
     * counted, and the relay waits before it tries again. A poison failure counts an attempt for that row only, and
     * the rows after it go on; on the row's last attempt, or at once if the event cannot be read, the subscriber sets
     * it aside in its own dead letters and the row counts as delivered.
     */
    @Override
    public Delivered deliver(String publisher, List<OutboxRecord> records) {
        List<OutboxRecord> delivered = new ArrayList<>();
        List<OutboxRecord> failed = new ArrayList<>();
        for (OutboxRecord record : records) {
            Span span = EventSpans.publish(record, SYSTEM, publisher);
            try (Scope ignored = span.makeCurrent()) {
                // Each subscriber's span is a child of this delivery, as a consumer's is of a broker's publish.
                OutboxRecord sent = record.withTrace(Tracing.current());
                boolean retry = false;
                for (Subscription<?> subscription : subscriptions) {
                    if (subscription.publisher().equals(publisher) && subscription.typeName().equals(record.type())) {
                        retry |= !settled(subscription, sent);
                    }
                }
                (retry ? failed : delivered).add(record);
            } catch (RuntimeException e) {
                Tracing.failed(span, e);
                if (Faults.isPassing(e)) {
                    // The consumer's database (or what its handler calls) cannot answer: the rows wait, uncounted.
                    LOGGER.log(Level.WARNING, "handling " + record.type() + " " + record.eventId() + " from "
                                              + publisher + " met a passing fault (" + Faults.reason(e)
                                              + "); it and the events after it are retried later");
                    return new Delivered(ids(delivered), failed, true);
                }
                LOGGER.log(Level.ERROR, "setting " + record.type() + " " + record.eventId() + " from " + publisher
                                        + " aside failed; it is retried later", e);
                failed.add(record);
            } finally {
                span.end();
            }
        }
        return new Delivered(ids(delivered), failed);
    }

    /**
     * Applies a row to one subscriber: whether that is settled (applied now or before, or set aside for good), or
     * {@code false} if it failed and is to be tried again.
     *
     * @throws RuntimeException a passing fault, or a failure to set the event aside
     */
    private static boolean settled(Subscription<?> subscription, OutboxRecord record) {
        Subscription.Received<?> event;
        try {
            event = subscription.read(record);
        } catch (IllegalArgumentException e) {
            LOGGER.log(Level.ERROR, subscription.consumer() + ": " + record.type() + " " + record.eventId()
                                    + " cannot be read (" + e.getMessage() + "); set aside as a dead letter");
            subscription.inbox().deadLetters().setAside(record, record.attempts() + 1, e);
            return true;
        }
        try {
            event.handleOnce();
            return true;
        } catch (RuntimeException e) {
            if (Faults.isPassing(e)) {
                throw e;
            }
            int attempt = record.attempts() + 1;
            if (attempt < Faults.MAX_POISON_ATTEMPTS) {
                // Retried after a growing pause; the other rows go on meanwhile.
                LOGGER.log(Level.WARNING, subscription.consumer() + ": handling " + record.type() + " "
                                          + record.eventId() + " failed (attempt " + attempt + " of "
                                          + Faults.MAX_POISON_ATTEMPTS + ")", e);
                return false;
            }
            LOGGER.log(Level.ERROR, subscription.consumer() + ": handling " + record.type() + " " + record.eventId()
                                    + " failed " + attempt + " times; set aside as a dead letter", e);
            subscription.inbox().deadLetters().setAside(record, attempt, e);
            return true;
        }
    }

    private static List<Long> ids(List<OutboxRecord> records) {
        return records.stream().map(OutboxRecord::id).toList();
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of();
    }

    @Override
    public void close() {
        subscriptions = List.of();
    }
}
