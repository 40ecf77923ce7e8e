package dev.pinstripe.loadgen;

/** The warmup period [start, measureStart) and the measured period [measureStart, end) of a run. */
public record RunWindow(long startNanos, long measureStartNanos, long endNanos) {

    public RunWindow {
        if (measureStartNanos < startNanos || endNanos <= measureStartNanos) {
            throw new IllegalArgumentException("need start <= measureStart < end");
        }
    }

    public static RunWindow of(long startNanos, long warmupNanos, long durationNanos) {
        return new RunWindow(startNanos, startNanos + warmupNanos, startNanos + warmupNanos + durationNanos);
    }

    public boolean isMeasured(long nanos) {
        return nanos >= measureStartNanos && nanos < endNanos;
    }

    public long durationNanos() {
        return endNanos - measureStartNanos;
    }
}
