package dev.cleave.platform.launch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.cleave.platform.api.UnprocessableException;
import dev.cleave.platform.spi.DeadLetter;
import dev.cleave.platform.spi.DeadLetters;
import dev.cleave.platform.spi.Subscription;

/**
 * Every local consumer's dead letters, reached through the subscriptions the contexts hand the launcher: each
 * consumer's store is its inbox's ({@link dev.cleave.platform.spi.Inbox#deadLetters()}), and a dead letter is
 * replayed by the subscription it was delivered to, through the inbox, so a context needs no code for any of it.
 */
final class DeadLetterOffice {
    private final Map<String, List<Subscription<?>>> byConsumer;

    private DeadLetterOffice(Map<String, List<Subscription<?>>> byConsumer) {
        this.byConsumer = byConsumer;
    }

    static DeadLetterOffice of(List<Subscription<?>> subscriptions) {
        Map<String, List<Subscription<?>>> byConsumer = new LinkedHashMap<>();
        subscriptions.forEach(subscription -> byConsumer.computeIfAbsent(subscription.consumer(),
                                                                         consumer -> new ArrayList<>())
                .add(subscription));
        return new DeadLetterOffice(byConsumer);
    }

    /** Every consumer's dead letters, consumer by consumer, each oldest first. */
    List<DeadLetter> list() {
        List<DeadLetter> letters = new ArrayList<>();
        byConsumer.keySet().forEach(consumer -> letters.addAll(store(consumer).list()));
        return letters;
    }

    /** One dead letter, if that consumer runs here and set that event aside. */
    Optional<DeadLetter> find(String consumer, UUID eventId) {
        return byConsumer.containsKey(consumer) ? store(consumer).find(eventId) : Optional.empty();
    }

    /**
     * Replays a dead letter through the subscription it was delivered to.
     *
     * @return {@code true} if it had its effect now, {@code false} if it had been applied before
     * @throws UnprocessableException if the consumer no longer subscribes to its type
     * @throws RuntimeException       what handling it threw; it stays a dead letter, with one more attempt
     */
    boolean replay(DeadLetter letter) {
        Subscription<?> subscription = byConsumer.getOrDefault(letter.consumer(), List.of()).stream()
                .filter(candidate -> candidate.publisher().equals(letter.publisher())
                                     && candidate.typeName().equals(letter.type()))
                .findFirst()
                .orElseThrow(() -> new UnprocessableException(
                        "'" + letter.consumer() + "' no longer subscribes to " + letter.type() + " from '"
                        + letter.publisher() + "'; the dead letter stays."));
        return subscription.replay(letter);
    }

    private DeadLetters store(String consumer) {
        // Subscriptions of one consumer share its inbox, and so its dead letters.
        return byConsumer.get(consumer).getFirst().inbox().deadLetters();
    }
}
