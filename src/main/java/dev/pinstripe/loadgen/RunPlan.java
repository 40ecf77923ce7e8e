package dev.pinstripe.loadgen;

import java.time.Duration;

/** What to run: the target rate, for how long, and the bounds that keep the generator finite. */
public record RunPlan(double ratePerSec, Duration warmup, Duration duration, int connectionsMax, Duration timeout) {

    public RunPlan {
        if (!(ratePerSec > 0) || Double.isInfinite(ratePerSec)) {
            throw new IllegalArgumentException("rate must be a positive number");
        }
        if (warmup.isNegative()) {
            throw new IllegalArgumentException("warmup must not be negative");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (connectionsMax < 1) {
            throw new IllegalArgumentException("connections must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /**
     * The most scheduled-but-not-sent requests there can ever be: a request that could not get a
     * connection within {@code timeout} of its intended start is given up, so only those intended
     * in the last {@code timeout} can be waiting.
     */
    public long backlogMax() {
        return (long) Math.ceil(ratePerSec * timeout.toNanos() / 1e9);
    }
}
