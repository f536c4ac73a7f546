package dev.cleave.platform.amqp;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;

/**
 * The broker's exchanges and queues, by name, and their declarations. Every declaration is idempotent, so each
 * side declares what it uses on every (re)connect and neither depends on the other having started first.
 *
 * <ul>
 *   <li>{@code <ns>.<publisher>.events}: a durable topic exchange per publishing context; the routing key is the
 *       event type's name. What no queue takes goes to its alternate exchange</li>
 *   <li>{@code <ns>.<publisher>.unrouted}: a durable fanout exchange feeding the stream of the same name, which keeps
 *       those events for {@value #KEEP_UNROUTED}, so that a subscriber whose queue is new catches up on them
 *       ({@link CatchUp}).</li>
 *   <li>{@code <ns>.<consumer>.from-<publisher>}: a durable quorum queue per consuming context and publisher, bound
 *       once per subscribed event type. A message handed back too often is dead-lettered (at least once) to</li>
 *   <li>{@code <ns>.dead-letters}: a durable direct exchange, routing by the source queue's name to</li>
 *   <li>{@code <ns>.<consumer>.from-<publisher>.dead-letters}: a durable quorum queue where failed messages wait for
 *       a person.</li>
 *   <li>{@code <ns>.<consumer>.from-<publisher>.catching-up}: an empty durable queue that exists while that queue's
 *       catch-up has not finished, so one cut short by a crash is done again on the next start.</li>
 * </ul>
 *
 * @param namespace the prefix of every name
 */
record Topology(String namespace) {
    /** How long the broker keeps events that no queue took: as long as consumers keep their inbox records. */
    static final String KEEP_UNROUTED = "7D";

    String exchange(String publisher) {
        // ".events": earlier releases declared "<ns>.<publisher>" without an alternate exchange, and RabbitMQ
        // refuses to declare an existing exchange with other arguments; under a new name both live side by side.
        return namespace + "." + publisher + ".events";
    }

    String unrouted(String publisher) {
        return namespace + "." + publisher + ".unrouted";
    }

    String catchingUp(String queue) {
        return queue + ".catching-up";
    }

    String queue(String consumer, String publisher) {
        return namespace + "." + consumer + ".from-" + publisher;
    }

    String deadLetterExchange() {
        return namespace + ".dead-letters";
    }

    String deadLetterQueue(String queue) {
        return queue + ".dead-letters";
    }

    void declarePublisher(Channel channel, String publisher) throws IOException {
        // RabbitMQ keeps a message only for the queues bound when it arrives; what arrives before the first
        // subscriber's queue exists (a new broker, a service started for the first time) would be dropped.
        channel.exchangeDeclare(unrouted(publisher), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(unrouted(publisher), true, false, false, Map.of(
                "x-queue-type", "stream",
                "x-max-age", KEEP_UNROUTED));
        channel.queueBind(unrouted(publisher), unrouted(publisher), "");
        channel.exchangeDeclare(exchange(publisher), BuiltinExchangeType.TOPIC, true, false,
                                Map.of("alternate-exchange", unrouted(publisher)));
    }

    /**
     * Declares a consumer's queue for one publisher, its dead-letter queue, and a binding per event type.
     *
     * @param maxAttempts deliveries before a message is dead-lettered
     */
    void declareSubscriber(Channel channel, String consumer, String publisher, Collection<String> types,
                           int maxAttempts) throws IOException {
        String queue = queue(consumer, publisher);
        String deadLetters = deadLetterQueue(queue);
        channel.exchangeDeclare(deadLetterExchange(), BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(deadLetters, true, false, false, Map.of("x-queue-type", "quorum"));
        channel.queueBind(deadLetters, deadLetterExchange(), queue);

        declarePublisher(channel, publisher);
        channel.queueDeclare(queue, true, false, false, Map.of(
                "x-queue-type", "quorum",
                // The broker counts returns (nacks, lost consumers) and dead-letters the message when it is
                // handed back once more than this: maxAttempts deliveries in all.
                "x-delivery-limit", maxAttempts - 1,
                "x-dead-letter-exchange", deadLetterExchange(),
                "x-dead-letter-routing-key", queue,
                // The message stays in this queue until the dead-letter queue confirmed it; this strategy needs
                // reject-publish (which only matters with a length limit, and there is none).
                "x-dead-letter-strategy", "at-least-once",
                "x-overflow", "reject-publish"));
        for (String type : types) {
            channel.queueBind(queue, exchange(publisher), type);
        }
    }
}
