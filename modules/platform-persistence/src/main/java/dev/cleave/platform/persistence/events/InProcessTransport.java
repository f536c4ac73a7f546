package dev.cleave.platform.persistence.events;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import dev.cleave.platform.spi.Delivered;
import dev.cleave.platform.spi.EventTransport;
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
