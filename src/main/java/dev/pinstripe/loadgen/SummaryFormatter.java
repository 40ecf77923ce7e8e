package dev.pinstripe.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link RunSummary} as the text report or as JSON. */
public final class SummaryFormatter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryFormatter() {}

    public static String json(RunSummary summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a summary is always serialisable", e);
        }
    }

    public static String text(RunSummary s) {
        StringBuilder out = new StringBuilder();
        line(out, "Pinstripe loadgen: %s against %s (run %s)", s.scenario(), s.url(), s.runId());
        row(out, "generator", "%d cores, shared with the server if it runs on this machine", s.cores());
        row(out, "target rate", "%s req/s for %s s, after %s s of warmup (not reported)",
                number(s.targetRatePerSec()), seconds(s.durationMs()), seconds(s.warmupMs()));
        row(out, "limits", "%d connections, %s s timeout, backlog at most %d requests",
                s.connections(), seconds(s.timeoutMs()), s.backlogMax());
        row(out, "sent", "%d of %d scheduled, %s req/s", s.sent(), s.scheduled(), number(s.sendRatePerSec()));
        row(out, "start lag", "%s ms behind schedule when the measured period began", millis(s.measureStartLagMs()));
        row(out, "throughput", "%s req/s (responses completed in the measured period)", number(s.throughputPerSec()));
        out.append('\n');

        line(out, "%-19s%d", "Responses", s.responses());
        for (Map.Entry<Integer, Long> status : s.statusCounts().entrySet()) {
            row(out, "HTTP " + status.getKey(), "%d", status.getValue());
        }
        line(out, "%-19s%d (%s)", "Successes", s.successes(), s.successRule());
        if (s.firstUnsuccessful() != null) {
            line(out, "  first unsuccessful: %s", s.firstUnsuccessful());
        }
        RunSummary.Errors errors = s.errors();
        line(out, "%-19s%d", "Errors", errors.total());
        row(out, "timeouts", "%d", errors.timeouts());
        row(out, "connect", "%d", errors.connectErrors());
        row(out, "other I/O", "%d", errors.ioErrors());
        row(out, "expired unsent", "%d", errors.expiredBeforeSend());
        row(out, "unfinished", "%d", errors.unfinishedAtEnd());
        errors.firstErrors().forEach((kind, description) -> line(out, "  first of %s: %s", kind, description));
        RunSummary.LateSends late = s.lateSends();
        line(out, "%-19s%d sent more than 1 ms after their intended start (lag p99 %s ms, max %s ms)",
                "Late sends", late.total(), millis(late.sendLagP99Ms()), millis(late.sendLagMaxMs()));
        row(out, "connections busy", "%d", late.waitingForConnection());
        row(out, "generator behind", "%d", late.generatorBehind());
        out.append('\n');

        line(out, "%-14s %9s %10s %10s %10s %10s %10s", "Latency (ms)", "count", "p50", "p90", "p99", "p99.9", "max");
        latency(out, "corrected", s.latencyCorrected());
        latency(out, "uncorrected", s.latencyUncorrected());
        out.append("  (corrected: intended start to response complete; uncorrected: actual send to response complete)\n");

        if (!s.generatorKeptUp()) {
            out.append('\n');
            line(out, "WARNING: the generator fell behind its schedule: %d of %d requests (%s%%) were sent more than"
                    + " 1 ms late although a connection was free. The server got the load later than asked, and"
                    + " the corrected latency includes the lag. Usual cause: CPU contention with the server or"
                    + " other work on this machine.",
                    late.generatorBehind(), s.sent(), number(100.0 * late.generatorBehind() / Math.max(1, s.sent())));
        }
        if (s.measureStartLagMs() > RunSummary.MEASURE_START_LAG_MAX_MS) {
            out.append('\n');
            line(out, "NOTE: the run was already %s ms behind schedule when the measured period began, a backlog"
                    + " from the warmup. If the server keeps up otherwise, the generator was still warming up"
                    + " (its JIT needs roughly 10-15 s at 10,000 req/s): use a longer --warmup.",
                    millis(s.measureStartLagMs()));
        }
        if (late.waitingForConnection() > 0 || errors.expiredBeforeSend() > 0) {
            out.append('\n');
            line(out, "NOTE: all %d connections were busy at times: %d requests waited for one and %d expired"
                    + " unsent. Corrected latency includes that wait.",
                    s.connections(), late.waitingForConnection(), errors.expiredBeforeSend());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String format, Object... args) {
        out.append("  ").append(String.format(Locale.ROOT, "%-17s", label))
                .append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static void latency(StringBuilder out, String label, LatencySummary l) {
        if (l.count() == 0) {
            line(out, "  %-12s %9d %10s %10s %10s %10s %10s", label, 0, "-", "-", "-", "-", "-");
            return;
        }
        line(out, "  %-12s %9d %10s %10s %10s %10s %10s", label, l.count(),
                millis(l.p50Ms()), millis(l.p90Ms()), millis(l.p99Ms()), millis(l.p999Ms()), millis(l.maxMs()));
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
