package dev.cleave.platform.observe;

import java.time.Duration;

import dev.cleave.platform.observe.LiveFigures.Figures;
import dev.cleave.platform.observe.MeteredBinding.Totals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The topology view's live figures: rates and percentiles over the last seconds, from samples of a binding's running
 * totals, with percentiles interpolated within the histogram's buckets as Prometheus's histogram_quantile does.
 */
class ReadingBindingsLiveTest {
    private static final double[] BOUNDS = {1, 2, 5, 10};
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final LiveFigures live = new LiveFigures(BOUNDS);

    @Test
    void theFirstLookShowsTotalsButNoRateYet() {
        Figures first = live.update(new Totals(40, 2, new long[] {10, 30, 40, 40}), 0);

        assertEquals(40, first.calls());
        assertEquals(2, first.errors());
        assertNull(first.callsPerSecond());
        assertNull(first.p50Millis());
    }

    @Test
    void ratesAndPercentilesCoverOnlyTheCallsSinceTheOldestSample() {
        live.update(new Totals(100, 0, new long[] {100, 100, 100, 100}), 0);

        // 50 calls in two seconds: 25 under 1 ms, 25 between 2 and 5 ms; 5 of them failed.
        Figures later = live.update(new Totals(150, 5, new long[] {125, 125, 150, 150}), 2 * SECOND);

        assertEquals(25.0, later.callsPerSecond(), 1e-9);
        assertEquals(2.5, later.errorsPerSecond(), 1e-9);
        assertEquals(1.0, later.p50Millis(), 1e-9, "the 25th of 50 calls is the last under 1 ms");
        assertEquals(2 + 3 * (49.5 - 25) / 25, later.p99Millis(), 1e-9, "interpolated within 2..5 ms");
    }

    @Test
    void samplesOlderThanTheWindowAreDroppedSoTheFiguresFollowTheLoad() {
        live.update(new Totals(0, 0, new long[] {0, 0, 0, 0}), 0);
        live.update(new Totals(1_000, 0, new long[] {1_000, 1_000, 1_000, 1_000}), SECOND);
        long late = SECOND + LiveFigures.WINDOW.toNanos() + SECOND;
        live.update(new Totals(1_000, 0, new long[] {1_000, 1_000, 1_000, 1_000}), late - SECOND);

        Figures idle = live.update(new Totals(1_000, 0, new long[] {1_000, 1_000, 1_000, 1_000}), late);

        assertEquals(0.0, idle.callsPerSecond(), 1e-9, "no call since the burst left the window");
        assertNull(idle.p99Millis(), "no calls, no percentile");
    }

    @Test
    void aRankBeyondTheLastBoundReadsAsTheLastBound() {
        assertEquals(10.0, live.percentile(new long[] {0, 0, 0, 1}, 2, 0.99), 1e-9);
    }
}
