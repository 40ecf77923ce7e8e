package dev.pinstripe.radar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Sliding windows kept in buckets, read at chosen times (no wall clock involved). */
class KeyHistoryTest {
    private static final long T0 = 1_767_225_600L; // 2026-01-01T00:00:00Z, a bucket boundary

    @Test
    void aPaymentCountsInEveryWindowUntilItLeavesIt() {
        KeyHistory h = new KeyHistory();
        h.record(T0 + 10, 2_500, false);

        assertThat(h.count(Window.HOUR, T0 + 10)).isEqualTo(1);
        assertThat(h.count(Window.HOUR, T0 + 3_599)).isEqualTo(1);
        // Its 5-minute bucket started at T0: once the hour since then has passed, it is out.
        assertThat(h.count(Window.HOUR, T0 + 3_600)).isZero();
        assertThat(h.count(Window.DAY, T0 + 3_600)).isEqualTo(1);
        assertThat(h.count(Window.DAY, T0 + 86_400)).isZero();
        assertThat(h.count(Window.WEEK, T0 + 6 * 86_400)).isEqualTo(1);
        assertThat(h.count(Window.WEEK, T0 + 7 * 86_400)).isZero();
    }

    @Test
    void sumsAndDeclinesFollowTheSameWindows() {
        KeyHistory h = new KeyHistory();
        h.record(T0, 1_000, false);
        h.record(T0 + 1_800, 4_000, true);
        h.record(T0 + 7_200, 500, true);

        assertThat(h.sumCents(Window.HOUR, T0 + 7_200)).isEqualTo(500);
        assertThat(h.sumCents(Window.DAY, T0 + 7_200)).isEqualTo(5_500);
        assertThat(h.declines(Window.DAY, T0 + 7_200)).isEqualTo(2);
        assertThat(h.declines(Window.HOUR, T0 + 7_200)).isEqualTo(1);
        assertThat(h.secondsSinceFirstSeen(T0 + 7_300)).isEqualTo(7_300);
        assertThat(h.secondsSinceLastSeen(T0 + 7_300)).isEqualTo(100);
    }

    @Test
    void aShorterSpanIsReadFromALongerWindowsBuckets() {
        KeyHistory h = new KeyHistory();
        h.record(T0, 1_000, false);
        h.record(T0 + 3 * 86_400, 2_000, false);
        h.record(T0 + 4 * 86_400, 4_000, false);
        long now = T0 + 4 * 86_400 + 60;

        // The last 48 hours, from the week's 6-hour buckets: the two recent payments only.
        assertThat(h.count(Window.WEEK, now, 2 * 86_400)).isEqualTo(2);
        assertThat(h.sumCents(Window.WEEK, now, 2 * 86_400)).isEqualTo(6_000);
        // The last 6 hours, from the day's hourly buckets.
        assertThat(h.count(Window.DAY, now, 6 * 3_600)).isEqualTo(1);
        // A span longer than the window is cut to the window.
        assertThat(h.count(Window.DAY, now, 30 * 86_400)).isEqualTo(h.count(Window.DAY, now));
        assertThat(h.count(Window.WEEK, now, 30 * 86_400)).isEqualTo(3);
    }

    @Test
    void aRingSlotIsReusedOnlyForNewerBuckets() {
        KeyHistory h = new KeyHistory();
        h.record(T0, 100, false);
        // The same hourly-ring slot, one hour later: the old bucket is replaced, not added to.
        h.record(T0 + 3_600, 100, false);
        assertThat(h.count(Window.HOUR, T0 + 3_600)).isEqualTo(1);
        assertThat(h.count(Window.DAY, T0 + 3_600)).isEqualTo(2);
        // A late payment older than the ring remembers is not counted in that ring.
        h.record(T0 - 1, 100, false);
        assertThat(h.count(Window.HOUR, T0 + 3_600)).isEqualTo(1);
    }

    @Test
    void bytesRoundTripAndMergeAddsCounts() {
        KeyHistory a = new KeyHistory();
        a.record(T0, 1_000, false);
        a.record(T0 + 60, 3_000, true);
        KeyHistory b = KeyHistory.fromBytes(a.toBytes());
        assertThat(b.count(Window.DAY, T0 + 100)).isEqualTo(2);
        assertThat(b.sumCents(Window.DAY, T0 + 100)).isEqualTo(4_000);
        assertThat(b.averageAmountUsd()).isEqualTo(a.averageAmountUsd());

        KeyHistory other = new KeyHistory();
        other.record(T0 + 120, 500, false);
        b.merge(other);
        assertThat(b.count(Window.HOUR, T0 + 200)).isEqualTo(3);
        assertThat(b.declines(Window.HOUR, T0 + 200)).isEqualTo(1);
        assertThat(b.secondsSinceFirstSeen(T0 + 200)).isEqualTo(200);
    }

    @Test
    void aCopyIsIndependentOfItsOriginal() {
        KeyHistory a = new KeyHistory();
        a.record(T0, 1_000, true);
        KeyHistory c = a.copy();
        a.record(T0 + 10, 1_000, false);
        assertThat(c.count(Window.HOUR, T0 + 20)).isEqualTo(1);
        assertThat(c.declines(Window.HOUR, T0 + 20)).isEqualTo(1);
        assertThat(a.count(Window.HOUR, T0 + 20)).isEqualTo(2);
        assertThat(c.toBytes()).isEqualTo(KeyHistory.fromBytes(c.toBytes()).toBytes());
    }

    @Test
    void unreadableBytesStartAFreshHistory() {
        assertThat(KeyHistory.fromBytes(new byte[] {1, 2, 3}).seen()).isFalse();
        assertThat(KeyHistory.fromBytes(new byte[0]).seen()).isFalse();
    }
}
