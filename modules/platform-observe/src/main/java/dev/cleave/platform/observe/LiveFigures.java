package dev.cleave.platform.observe;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import dev.cleave.platform.observe.MeteredBinding.Totals;

/**
 * A binding's recent behaviour, from samples of its running totals: the rate of calls and errors and the 50th and
 * 99th percentile of their duration over the last {@link #WINDOW} or so, which is what a person watching the topology
 * view wants to see move. The percentiles come from the histogram's buckets, interpolated within the bucket the rank
 * falls in, as Prometheus's {@code histogram_quantile} does, so the view and a dashboard agree.
 *
 * <p>A sample is taken when the figures are asked for, at most once a {@link #SAMPLE_EVERY}; figures need two
 * samples, so the first look shows totals only.
 */
final class LiveFigures {
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration SAMPLE_EVERY = Duration.ofMillis(500);

    private final double[] bucketMillis;
    private final Deque<Sample> samples = new ArrayDeque<>();

    LiveFigures(double[] bucketMillis) {
        this.bucketMillis = bucketMillis.clone();
    }

    /**
     * Takes a sample if the last is old enough, and gives the figures over the window.
     *
     * @param totals    the binding's totals now
     * @param nowNanos  the time now, from {@link System#nanoTime()}
     * @return the figures
     */
    synchronized Figures update(Totals totals, long nowNanos) {
        if (samples.isEmpty() || nowNanos - samples.getLast().nanos() >= SAMPLE_EVERY.toNanos()) {
            samples.addLast(new Sample(nowNanos, totals));
        }
        // Keep one sample older than the window, so the window is always covered once it has been watched that long.
        while (samples.size() > 2 && nowNanos - second().nanos() >= WINDOW.toNanos()) {
            samples.removeFirst();
        }
        Sample oldest = samples.getFirst();
        double seconds = (nowNanos - oldest.nanos()) / 1e9;
        if (samples.size() < 2 || seconds <= 0) {
            return new Figures(totals.calls(), totals.errors(), null, null, null, null);
        }
        long calls = totals.calls() - oldest.totals().calls();
        long errors = totals.errors() - oldest.totals().errors();
        long[] recent = new long[bucketMillis.length];
        for (int i = 0; i < recent.length; i++) {
            recent[i] = totals.cumulative()[i] - oldest.totals().cumulative()[i];
        }
        return new Figures(totals.calls(), totals.errors(), calls / seconds, errors / seconds,
                           percentile(recent, calls, 0.50), percentile(recent, calls, 0.99));
    }

    private Sample second() {
        Iterator<Sample> oldestFirst = samples.iterator();
        oldestFirst.next();
        return oldestFirst.next();
    }

    /**
     * The duration at a quantile of {@code count} calls whose cumulative bucket counts are {@code cumulative}: the
     * bucket the rank falls in, interpolated linearly between its bounds; the last bound if it falls beyond them.
     *
     * @return milliseconds, or {@code null} if there were no calls
     */
    Double percentile(long[] cumulative, long count, double quantile) {
        if (count <= 0) {
            return null;
        }
        double rank = quantile * count;
        double lower = 0;
        long below = 0;
        for (int i = 0; i < bucketMillis.length; i++) {
            if (cumulative[i] >= rank) {
                long inBucket = cumulative[i] - below;
                double fraction = inBucket == 0 ? 1 : (rank - below) / inBucket;
                return lower + (bucketMillis[i] - lower) * fraction;
            }
            lower = bucketMillis[i];
            below = cumulative[i];
        }
        return bucketMillis[bucketMillis.length - 1];
    }

    /**
     * What the topology view shows of a binding.
     *
     * @param calls           calls since the start
     * @param errors          failed calls since the start
     * @param callsPerSecond  the rate of calls over the window, or {@code null} before there are two samples
     * @param errorsPerSecond the rate of failed calls over the window, likewise
     * @param p50Millis       the median duration over the window, or {@code null} without calls
     * @param p99Millis       the 99th percentile over the window, likewise
     */
    record Figures(long calls, long errors, Double callsPerSecond, Double errorsPerSecond, Double p50Millis,
                   Double p99Millis) {
    }

    private record Sample(long nanos, Totals totals) {
    }
}
