package dev.cleave.platform.amqp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cleave.platform.spi.Inbox;
import dev.cleave.platform.spi.Subscription;

/**
 * What one queue carries: one consuming context's subscriptions to one publisher, by event type name.
 *
 * @param name      the queue's name
 * @param consumer  the consuming context
 * @param publisher the publishing context
 * @param byType    the subscriptions, by event type name (the routing key)
 */
record QueueSubscription(String name, String consumer, String publisher, Map<String, Subscription<?>> byType) {
    QueueSubscription {
        byType = Map.copyOf(byType);
    }

    /** The consuming context's inbox, which its subscriptions share. */
    Inbox inbox() {
        return byType.values().iterator().next().inbox();
    }

    /**
     * Groups subscriptions into queues.
     *
     * @throws IllegalArgumentException if a context subscribes twice to one type of one publisher: its inbox would
     *                                  let only the first handler see each event
     */
    static List<QueueSubscription> of(Topology topology, List<Subscription<?>> subscriptions) {
        Map<String, Map<String, Subscription<?>>> queues = new LinkedHashMap<>();
        Map<String, Subscription<?>> firsts = new LinkedHashMap<>();
        for (Subscription<?> subscription : subscriptions) {
            String queue = topology.queue(subscription.consumer(), subscription.publisher());
            Subscription<?> before = queues.computeIfAbsent(queue, name -> new LinkedHashMap<>())
                    .putIfAbsent(subscription.typeName(), subscription);
            if (before != null) {
                throw new IllegalArgumentException("context '" + subscription.consumer() + "' subscribes twice to "
                                                   + subscription.typeName() + " from '" + subscription.publisher()
                                                   + "'; handle it in one subscription");
            }
            firsts.putIfAbsent(queue, subscription);
        }
        return queues.entrySet().stream()
                .map(queue -> new QueueSubscription(queue.getKey(), firsts.get(queue.getKey()).consumer(),
                                                    firsts.get(queue.getKey()).publisher(), queue.getValue()))
                .toList();
    }
}
