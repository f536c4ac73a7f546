package dev.cleave.platform.amqp;

import java.io.IOException;
import java.time.Duration;
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
 *       event type's name. Every event goes to</li>
 *   <li>{@code <ns>.<publisher>.unrouted}: the publisher's stream, bound to its exchange for every routing key, which
 *       keeps every event the publisher sent for {@value #KEEP_HISTORY}, so that a subscriber catches up on the
 *       history of each type it subscribes to ({@link CatchUp}): a new consuming service, or a type newly added to a
 *       queue. The name is from earlier releases, where the stream was only the exchange's alternate exchange
 *       ({@code <ns>.<publisher>.unrouted}, a durable fanout) and kept what no queue took; that binding stays, and
 *       the one for every routing key is added on start, so a stream made then keeps every event from then on.</li>
 *   <li>{@code <ns>.<consumer>.from-<publisher>}: a durable quorum queue per consuming context and publisher, bound
 *       once per subscribed event type: the work to do. A message handed back too often is dead-lettered (at least
 *       once) to</li>
 *   <li>{@code <ns>.dead-letters}: a durable direct exchange, routing by the source queue's name to</li>
 *   <li>{@code <ns>.<consumer>.from-<publisher>.dead-letters}: a durable quorum queue where failed messages wait for
 *       a person.</li>
 * </ul>
 *
 * @param namespace the prefix of every name
 */
record Topology(String namespace) {
    /**
     * How long the broker keeps every event for catch-ups. The stream drops whole segments, so older events may
     * linger; a catch-up reads back only {@link #READ_BACK}.
     */
    static final String KEEP_HISTORY = "7D";
    /**
     * How far back a catch-up reads: what the stream got in this time. Consumers keep their inbox records longer
     * (eight days), so a history read again applies nothing twice.
     */
    static final Duration READ_BACK = Duration.ofDays(7);
    /** The routing key that binds the stream to every event of its publisher's topic exchange. */
    private static final String EVERY_KEY = "#";

    String exchange(String publisher) {
        // ".events": earlier releases declared "<ns>.<publisher>" without an alternate exchange, and RabbitMQ
        // refuses to declare an existing exchange with other arguments; under a new name both live side by side.
        return namespace + "." + publisher + ".events";
    }

    String stream(String publisher) {
        // ".unrouted": its name since it kept only what no queue took; under a new name its history would be lost.
        return namespace + "." + publisher + ".unrouted";
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
        // RabbitMQ keeps a message only for the queues bound when it arrives: without the stream, what arrives
        // before a subscriber's queue exists, or before its queue binds the type, would be lost to it.
        channel.exchangeDeclare(stream(publisher), BuiltinExchangeType.FANOUT, true);
        channel.queueDeclare(stream(publisher), true, false, false, Map.of(
                "x-queue-type", "stream",
                "x-max-age", KEEP_HISTORY));
        channel.queueBind(stream(publisher), stream(publisher), "");
        // The alternate exchange stays as earlier releases declared it (RabbitMQ refuses to redeclare an exchange
        // with other arguments); with the stream bound for every key, no event is left for it.
        channel.exchangeDeclare(exchange(publisher), BuiltinExchangeType.TOPIC, true, false,
                                Map.of("alternate-exchange", stream(publisher)));
        channel.queueBind(stream(publisher), exchange(publisher), EVERY_KEY);
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
