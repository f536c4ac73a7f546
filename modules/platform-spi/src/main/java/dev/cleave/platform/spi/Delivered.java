package dev.cleave.platform.spi;

import java.util.List;

/**
 * What became of a batch of outbox rows handed to a transport.
 *
 * @param delivered ids of rows delivered: handled, or confirmed by the broker
 * @param failed    rows whose delivery failed; each counts as an attempt, and after five it is a dead letter
 */
public record Delivered(List<Long> delivered, List<OutboxRecord> failed) {
    /**
     * Copies the lists.
     */
    public Delivered {
        delivered = List.copyOf(delivered);
        failed = List.copyOf(failed);
    }

    /**
     * Every row delivered.
     *
     * @param records the rows
     * @return the outcome
     */
    public static Delivered all(List<OutboxRecord> records) {
        return new Delivered(records.stream().map(OutboxRecord::id).toList(), List.of());
    }
}
