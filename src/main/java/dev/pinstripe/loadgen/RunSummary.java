package dev.pinstripe.loadgen;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The report of one run, covering only requests intended to start in the measured period. Also
 * what {@code --json} prints, field for field.
 *
 * @param cores processors available to the generator's JVM; when the server runs on the same
 *     machine it shares them, and published figures must say so
 * @param measureStartLagMs how far behind schedule the run already was when the measured period began
 * @param sendRatePerSec measured-period requests actually sent, per second of the measured period
 * @param responses operations that got a response, whatever its status; for a scenario of several
 *     requests per operation, one per operation
 * @param successes responses the scenario counts as successful, by {@code successRule}
 * @param firstUnsuccessful what was wrong with the first unsuccessful response, when the scenario
 *     says more than its status; otherwise null
 * @param throughputPerSec responses completed inside the measured period, per second
 * @param generatorKeptUp false when more than 1% of sends were over 1 ms late through the generator's own
 *     fault (including CPU contention on its machine)
 */
public record RunSummary(
        String scenario,
        String url,
        String runId,
        int cores,
        double targetRatePerSec,
        long durationMs,
        long warmupMs,
        int connections,
        long timeoutMs,
        long backlogMax,
        long scheduled,
        long sent,
        double measureStartLagMs,
        double sendRatePerSec,
        long responses,
        long successes,
        String successRule,
        String firstUnsuccessful,
        double throughputPerSec,
        SortedMap<Integer, Long> statusCounts,
        Errors errors,
        LateSends lateSends,
        boolean generatorKeptUp,
        LatencySummary latencyCorrected,
        LatencySummary latencyUncorrected,
        long warmupRequests) {

    /** Above this share of sends late through the generator's own fault, the run did not hold the rate. */
    static final double GENERATOR_LATE_SHARE_MAX = 0.01;
    /** A backlog this large at the start of measurement distorts the measured period. */
    static final double MEASURE_START_LAG_MAX_MS = 100;

    /** @param firstErrors the first error of each kind, keyed by the name of its count */
    public record Errors(
            long timeouts,
            long connectErrors,
            long ioErrors,
            long expiredBeforeSend,
            long unfinishedAtEnd,
            SortedMap<String, String> firstErrors) {
        public long total() {
            return timeouts + connectErrors + ioErrors + expiredBeforeSend + unfinishedAtEnd;
        }
    }

    /**
     * Sends more than 1 ms after their intended start.
     *
     * @param waitingForConnection late because every connection was busy (the server's doing)
     * @param generatorBehind late although a connection was free (the generator's doing)
     */
    public record LateSends(long waitingForConnection, long generatorBehind, double sendLagP99Ms, double sendLagMaxMs) {
        public long total() {
            return waitingForConnection + generatorBehind;
        }
    }

    private static SortedMap<String, String> firstErrors(Map<ErrorKind, String> byKind) {
        SortedMap<String, String> byCountName = new TreeMap<>();
        byKind.forEach((kind, description) -> byCountName.put(switch (kind) {
            case TIMEOUT -> "timeouts";
            case CONNECT -> "connectErrors";
            case IO -> "ioErrors";
            case EXPIRED_BEFORE_SEND -> "expiredBeforeSend";
        }, description));
        return byCountName;
    }

    /** @param successRule how the scenario tells a successful response, in words, for the report */
    public record Setting(String scenario, String url, String runId, int cores, String successRule) {}

    public static RunSummary of(Setting setting, RunPlan plan, RunRecorder recorder) {
        PhaseRecorder measured = recorder.measured();
        double durationSec = recorder.window().durationNanos() / 1e9;
        Errors errors = new Errors(
                measured.errors(ErrorKind.TIMEOUT),
                measured.errors(ErrorKind.CONNECT),
                measured.errors(ErrorKind.IO),
                measured.errors(ErrorKind.EXPIRED_BEFORE_SEND),
                recorder.unfinishedAtEnd(),
                firstErrors(measured.firstErrors()));
        LatencySummary sendLag = measured.sendLag();
        LateSends late = new LateSends(
                measured.lateForConnection(), measured.lateForGenerator(), sendLag.p99Ms(), sendLag.maxMs());
        return new RunSummary(
                setting.scenario(),
                setting.url(),
                setting.runId(),
                setting.cores(),
                plan.ratePerSec(),
                plan.duration().toMillis(),
                plan.warmup().toMillis(),
                plan.connectionsMax(),
                plan.timeout().toMillis(),
                plan.backlogMax(),
                measured.scheduled(),
                measured.sent(),
                recorder.measureStartLagNanos() / 1e6,
                measured.sent() / durationSec,
                measured.responses(),
                measured.successes(),
                setting.successRule(),
                measured.firstUnsuccessful(),
                recorder.completedInMeasuredPeriod() / durationSec,
                measured.statusCounts(),
                errors,
                late,
                late.generatorBehind() <= GENERATOR_LATE_SHARE_MAX * measured.sent(),
                measured.correctedLatency(),
                measured.uncorrectedLatency(),
                recorder.warmup().scheduled());
    }
}
