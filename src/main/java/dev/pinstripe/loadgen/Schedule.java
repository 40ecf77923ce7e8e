package dev.pinstripe.loadgen;

/**
 * The open-loop schedule: request {@code i} is intended to start at {@code startNanos + i / rate},
 * whatever happened to the requests before it.
 */
public record Schedule(long startNanos, double ratePerSec) {

    private static final double NANOS_PER_SEC = 1_000_000_000.0;

    public Schedule {
        if (!(ratePerSec > 0) || Double.isInfinite(ratePerSec)) {
            throw new IllegalArgumentException("rate must be a positive number, was " + ratePerSec);
        }
    }

    /** Computed from the index rather than by adding intervals, so rounding never accumulates. */
    public long intendedStartNanos(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        return startNanos + (long) Math.floor(index * NANOS_PER_SEC / ratePerSec);
    }
}
