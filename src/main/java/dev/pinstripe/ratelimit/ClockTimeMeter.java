package dev.pinstripe.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** Bucket4j's time source, read from an injected {@link Clock}, so tests move buckets with a ManualClock. */
final class ClockTimeMeter implements TimeMeter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private final Clock clock;

    ClockTimeMeter(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), NANOS_PER_SECOND), now.getNano());
    }

    /** A {@link Clock} is wall time, so processes sharing Redis buckets agree on it (within their skew). */
    @Override
    public boolean isWallClockBased() {
        return true;
    }

    @Override
    public String toString() {
        return "ClockTimeMeter[" + clock + "]";
    }
}
