package dev.cleave.platform.spi;

import java.util.List;

/**
 * What became of a batch of outbox rows handed to a transport. Rows in neither list stay outstanding, untouched.
 *
 * @param delivered ids of rows delivered: handled (or set aside by every consumer that failed on them), or confirmed
 *                  by the broker
 * @param failed    rows whose delivery failed for a reason a retry will not clear ({@link Faults poison}); each
 *                  counts as an attempt and is tried again after a growing pause
 * @param heldBack  whether a passing fault stopped the batch: the rows in neither list were not tried, count no
 *                  attempt, and the relay waits before trying again
 */
public record Delivered(List<Long> delivered, List<OutboxRecord> failed, boolean heldBack) {
    /**
     * Copies the lists.
     */
    public Delivered {
        delivered = List.copyOf(delivered);
        failed = List.copyOf(failed);
    }

    /**
     * An outcome that no passing fault cut short.
     *
     * @param delivered ids of rows delivered
     * @param failed    rows whose delivery failed
     */
    public Delivered(List<Long> delivered, List<OutboxRecord> failed) {
        this(delivered, failed, false);
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
