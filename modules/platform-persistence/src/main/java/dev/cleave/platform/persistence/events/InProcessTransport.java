package dev.cleave.platform.persistence.events;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport;
import dev.cleave.platform.spi.Faults;
import dev.cleave.platform.spi.OutboxRecord;
import dev.cleave.platform.spi.Subscription;
import io.helidon.health.HealthCheck;

/**
 * Delivers events straight to the subscribers in this process: the monolith's transport. Still fed by the outbox
 * relay, so a crash loses nothing and no broker is needed.
 */
public final class InProcessTransport implements EventTransport {
    private static final System.Logger LOGGER = System.getLogger(InProcessTransport.class.getName());

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
     * the rows after it go on.
     */
    @Override
    public Delivered deliver(String publisher, List<OutboxRecord> records) {
        List<Long> delivered = new ArrayList<>();
        List<OutboxRecord> failed = new ArrayList<>();
        for (OutboxRecord record : records) {
            try {
                for (Subscription<?> subscription : subscriptions) {
                    if (subscription.publisher().equals(publisher) && subscription.typeName().equals(record.type())) {
                        subscription.handleOnce(record);
                    }
                }
                delivered.add(record.id());
            } catch (RuntimeException e) {
                if (Faults.isPassing(e)) {
                    // The consumer's database (or what its handler calls) cannot answer: the rows wait, uncounted.
                    LOGGER.log(Level.WARNING, "handling " + record.type() + " " + record.eventId() + " from "
                                              + publisher + " met a passing fault (" + Faults.reason(e)
                                              + "); it and the events after it are retried later");
                    return new Delivered(delivered, failed, true);
                }
                // One failing event is retried later and, after five failures, set aside; it blocks nothing else.
                LOGGER.log(Level.WARNING, "handling " + record.type() + " " + record.eventId() + " from "
                                          + publisher + " failed (attempt " + (record.attempts() + 1) + ")", e);
                failed.add(record);
            }
        }
        return new Delivered(delivered, failed);
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
