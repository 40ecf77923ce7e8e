package dev.pinstripe.loadgen;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Counts and latency histograms for the requests intended to start in one phase (warmup or measured). */
public final class PhaseRecorder {

    static final long LATE_THRESHOLD_NANOS = 1_000_000;
    // Values are recorded in microseconds; anything slower than an hour is clamped to an hour.
    private static final long HISTOGRAM_MAX_MICROS = 3_600_000_000L;
    private static final int HISTOGRAM_SIGNIFICANT_DIGITS = 3;
    private static final int STATUS_MAX = 599;

    private final Histogram correctedMicros = newHistogram();
    private final Histogram uncorrectedMicros = newHistogram();
    private final LongAdder scheduled = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder successes = new LongAdder();
    private final AtomicReference<String> firstUnsuccessful = new AtomicReference<>();
    private final AtomicLongArray statusCounts = new AtomicLongArray(STATUS_MAX + 1);
    private final AtomicLongArray errorCounts = new AtomicLongArray(ErrorKind.values().length);
    private final Map<ErrorKind, String> firstErrors = new ConcurrentHashMap<>();
    private final LongAdder lateForConnection = new LongAdder();
    private final LongAdder lateForGenerator = new LongAdder();
    private final Histogram sendLagMicros = newHistogram();

    private static Histogram newHistogram() {
        return new ConcurrentHistogram(1, HISTOGRAM_MAX_MICROS, HISTOGRAM_SIGNIFICANT_DIGITS);
    }

    void recordScheduled() {
        scheduled.increment();
    }

    /**
     * @param connectionBound whether the scheduler was behind because every connection was busy at
     *     some point since it was last on time; lateness is then the server's doing, not the generator's
     */
    void recordSent(long intendedNanos, long sentNanos, boolean connectionBound) {
        sent.increment();
        long lagNanos = sentNanos - intendedNanos;
        record(sendLagMicros, lagNanos);
        if (lagNanos > LATE_THRESHOLD_NANOS) {
            (connectionBound ? lateForConnection : lateForGenerator).increment();
        }
    }

    void recordResponse(RequestTiming timing, Outcome outcome) {
        responses.increment();
        statusCounts.incrementAndGet(Math.clamp(outcome.status(), 0, STATUS_MAX));
        if (outcome.succeeded()) {
            successes.increment();
        } else if (outcome.detail() != null && firstUnsuccessful.get() == null) {
            firstUnsuccessful.compareAndSet(null, outcome.detail());
        }
        record(correctedMicros, timing.latencyNanos());
        record(uncorrectedMicros, timing.serviceTimeNanos());
    }

    /** Timeouts go into the histograms at the moment they were given up: a lower bound, but not omitted. */
    void recordError(RequestTiming timing, ErrorKind kind, String description) {
        errorCounts.incrementAndGet(kind.ordinal());
        firstErrors.putIfAbsent(kind, description);
        if (kind == ErrorKind.TIMEOUT) {
            record(correctedMicros, timing.latencyNanos());
            record(uncorrectedMicros, timing.serviceTimeNanos());
        }
    }

    /** A request that never got a connection still waited; that wait belongs in the corrected latency. */
    void recordExpired(long intendedNanos, long expiredNanos) {
        errorCounts.incrementAndGet(ErrorKind.EXPIRED_BEFORE_SEND.ordinal());
        record(correctedMicros, expiredNanos - intendedNanos);
    }

    private static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.clamp(nanos / 1_000, 0, HISTOGRAM_MAX_MICROS));
    }

    public long scheduled() {
        return scheduled.sum();
    }

    public long sent() {
        return sent.sum();
    }

    public long responses() {
        return responses.sum();
    }

    /** Responses the scenario counts as successful (see {@link Outcome}). */
    public long successes() {
        return successes.sum();
    }

    /** What was wrong with the first unsuccessful response that said, or null. */
    public String firstUnsuccessful() {
        return firstUnsuccessful.get();
    }

    public long errors(ErrorKind kind) {
        return errorCounts.get(kind.ordinal());
    }

    /** The first error of each kind, to tell what went wrong without a debugger. */
    public Map<ErrorKind, String> firstErrors() {
        Map<ErrorKind, String> copy = new EnumMap<>(ErrorKind.class);
        copy.putAll(firstErrors);
        return Collections.unmodifiableMap(copy);
    }

    public SortedMap<Integer, Long> statusCounts() {
        SortedMap<Integer, Long> counts = new TreeMap<>();
        for (int status = 0; status <= STATUS_MAX; status++) {
            long count = statusCounts.get(status);
            if (count > 0) {
                counts.put(status, count);
            }
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    public long lateForConnection() {
        return lateForConnection.sum();
    }

    public long lateForGenerator() {
        return lateForGenerator.sum();
    }

    /** How far behind the schedule requests were sent, whatever the cause. */
    public LatencySummary sendLag() {
        return LatencySummary.of(sendLagMicros);
    }

    public LatencySummary correctedLatency() {
        return LatencySummary.of(correctedMicros);
    }

    public LatencySummary uncorrectedLatency() {
        return LatencySummary.of(uncorrectedMicros);
    }
}
