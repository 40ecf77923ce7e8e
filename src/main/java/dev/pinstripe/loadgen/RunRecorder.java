package dev.pinstripe.loadgen;

import java.util.concurrent.atomic.LongAdder;

/**
 * Records every request of a run. A request belongs to the phase its intended start falls in, so
 * a warmup request that completes during the measured period still counts as warmup.
 */
public final class RunRecorder {

    private final RunWindow window;
    private final PhaseRecorder warmup = new PhaseRecorder();
    private final PhaseRecorder measured = new PhaseRecorder();
    private final LongAdder completedInMeasuredPeriod = new LongAdder();
    private volatile long unfinishedAtEnd;
    private volatile long measureStartLagNanos;

    public RunRecorder(RunWindow window) {
        this.window = window;
    }

    private PhaseRecorder phase(long intendedNanos) {
        return intendedNanos < window.measureStartNanos() ? warmup : measured;
    }

    void recordScheduled(long intendedNanos) {
        phase(intendedNanos).recordScheduled();
    }

    void recordSent(long intendedNanos, long sentNanos, boolean connectionBound) {
        phase(intendedNanos).recordSent(intendedNanos, sentNanos, connectionBound);
    }

    void recordResponse(RequestTiming timing, Outcome outcome) {
        phase(timing.intendedNanos()).recordResponse(timing, outcome);
        if (window.isMeasured(timing.completedNanos())) {
            completedInMeasuredPeriod.increment();
        }
    }

    void recordError(RequestTiming timing, ErrorKind kind, String description) {
        phase(timing.intendedNanos()).recordError(timing, kind, description);
    }

    void recordExpired(long intendedNanos, long expiredNanos) {
        phase(intendedNanos).recordExpired(intendedNanos, expiredNanos);
    }

    void recordMeasureStartLag(long lagNanos) {
        measureStartLagNanos = lagNanos;
    }

    void recordUnfinishedAtEnd(long count) {
        unfinishedAtEnd = count;
    }

    public RunWindow window() {
        return window;
    }

    public PhaseRecorder warmup() {
        return warmup;
    }

    public PhaseRecorder measured() {
        return measured;
    }

    /** Responses (any HTTP status) whose last byte arrived inside the measured period. */
    public long completedInMeasuredPeriod() {
        return completedInMeasuredPeriod.sum();
    }

    /**
     * How far behind schedule the scheduler was when it reached the first measured request: a
     * backlog left over from the warmup (a generator still warming up, or a server that cannot keep up).
     */
    public long measureStartLagNanos() {
        return measureStartLagNanos;
    }

    /** Requests still in flight when the run stopped waiting for them. */
    public long unfinishedAtEnd() {
        return unfinishedAtEnd;
    }
}
