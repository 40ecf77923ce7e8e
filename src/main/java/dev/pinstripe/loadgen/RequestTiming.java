package dev.pinstripe.loadgen;

/** One request's three instants, all from the same {@link NanoClock}. */
public record RequestTiming(long intendedNanos, long sentNanos, long completedNanos) {

    /** Coordinated-omission corrected: includes any time the request spent waiting to be sent. */
    public long latencyNanos() {
        return completedNanos - intendedNanos;
    }

    /** What a closed-loop tool would report: from the actual send only. */
    public long serviceTimeNanos() {
        return completedNanos - sentNanos;
    }

    public long sendLagNanos() {
        return sentNanos - intendedNanos;
    }
}
