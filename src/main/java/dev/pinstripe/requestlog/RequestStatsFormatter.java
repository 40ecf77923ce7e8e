package dev.pinstripe.requestlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link RequestStats.Report} as a text table for people or as JSON for programs (the CLI and the
 * HTTP endpoint share both). JSON names are snake_case; latencies are integer microseconds.
 */
public final class RequestStatsFormatter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RequestStatsFormatter() {}

    public static ObjectNode json(RequestStats.Report report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode range = root.putObject("range");
        range.put("from", instant(report.range().fromMillis()));
        range.put("to", instant(report.range().toMillis()));

        RequestStats.Totals t = report.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("entries", t.entries());
        totals.put("entries_in_range", t.entriesInRange());
        totals.put("malformed_lines", t.malformedLines());
        ObjectNode classes = totals.putObject("status_classes");
        RequestStats.StatusClasses c = t.statusClasses();
        classes.put("1xx", c.informational1xx());
        classes.put("2xx", c.success2xx());
        classes.put("3xx", c.redirect3xx());
        classes.put("4xx", c.clientError4xx());
        classes.put("5xx", c.serverError5xx());

        RequestStats.ServerErrorIps ips = report.serverErrorIps();
        ObjectNode serverErrorIps = root.putObject("server_error_ips");
        ArrayNode top = serverErrorIps.putArray("top");
        for (RequestStats.IpCount ip : ips.top()) {
            top.addObject().put("client_ip", ip.clientIp()).put("count", ip.count());
        }
        serverErrorIps.put("distinct", ips.distinct());
        serverErrorIps.put("without_ip", ips.withoutIp());
        serverErrorIps.put("untracked", ips.untracked());
        serverErrorIps.put("tracked_max", ips.trackedMax());

        RequestStats.Endpoints e = report.endpoints();
        ObjectNode endpoints = root.putObject("endpoints");
        ArrayNode tracked = endpoints.putArray("tracked");
        for (RequestStats.EndpointSummary endpoint : e.tracked()) {
            endpoint(tracked.addObject(), endpoint);
        }
        if (e.other() == null) {
            endpoints.putNull("other");
        } else {
            endpoint(endpoints.putObject("other"), e.other());
        }
        endpoints.put("tracked_max", e.trackedMax());
        return root;
    }

    public static String jsonString(RequestStats.Report report) {
        try {
            return JSON.writeValueAsString(json(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values is always serialisable", e);
        }
    }

    private static void endpoint(ObjectNode node, RequestStats.EndpointSummary e) {
        node.put("endpoint", e.endpoint());
        node.put("count", e.count());
        node.put("errors_4xx", e.errors4xx());
        node.put("errors_5xx", e.errors5xx());
        node.put("p50_micros", e.p50Micros());
        node.put("p95_micros", e.p95Micros());
        node.put("p99_micros", e.p99Micros());
        node.put("max_micros", e.maxMicros());
    }

    private static String instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }

    public static String text(RequestStats.Report report) {
        StringBuilder out = new StringBuilder();
        RequestStats.Totals t = report.totals();
        RequestStats.StatusClasses c = t.statusClasses();
        line(out, "Request log statistics");
        line(out, "  %-16s%s", "range", report.range().isAll() ? "all entries"
                : "[" + bound(report.range().fromMillis(), "start") + ", " + bound(report.range().toMillis(), "end") + ")");
        line(out, "  %-16s%d read, %d in range, %d malformed lines skipped", "entries",
                t.entries(), t.entriesInRange(), t.malformedLines());
        line(out, "  %-16s1xx %d, 2xx %d, 3xx %d, 4xx %d, 5xx %d", "status (range)", c.informational1xx(),
                c.success2xx(), c.redirect3xx(), c.clientError4xx(), c.serverError5xx());
        out.append('\n');

        RequestStats.ServerErrorIps ips = report.serverErrorIps();
        line(out, "Client IPs with most 5xx responses (top %d of %d)", ips.top().size(), ips.distinct());
        if (ips.top().isEmpty()) {
            line(out, "  (none)");
        } else {
            int width = Math.max("client IP".length(), ips.top().stream().mapToInt(i -> i.clientIp().length()).max().orElse(0));
            line(out, "  %4s  %-" + width + "s  %10s", "rank", "client IP", "5xx");
            int rank = 0;
            for (RequestStats.IpCount ip : ips.top()) {
                line(out, "  %4d  %-" + width + "s  %10d", ++rank, ip.clientIp(), ip.count());
            }
        }
        if (ips.withoutIp() > 0) {
            line(out, "  %d 5xx responses had no client IP", ips.withoutIp());
        }
        if (ips.untracked() > 0) {
            line(out, "  %d 5xx responses came from IPs beyond the %d tracked: counts may be incomplete",
                    ips.untracked(), ips.trackedMax());
        }
        out.append('\n');

        RequestStats.Endpoints e = report.endpoints();
        List<RequestStats.EndpointSummary> rows = new ArrayList<>(e.tracked());
        if (e.other() != null) {
            rows.add(e.other());
        }
        line(out, "Endpoints (%d, most requests first; latency in ms)", e.tracked().size());
        if (rows.isEmpty()) {
            line(out, "  (none)");
        } else {
            int width = Math.max("endpoint".length(), rows.stream().mapToInt(r -> r.endpoint().length()).max().orElse(0));
            String header = "  %-" + width + "s  %10s %8s %8s %10s %10s %10s %10s";
            line(out, header, "endpoint", "count", "4xx", "5xx", "p50", "p95", "p99", "max");
            String row = "  %-" + width + "s  %10d %8d %8d %10s %10s %10s %10s";
            for (RequestStats.EndpointSummary r : rows) {
                line(out, row, r.endpoint(), r.count(), r.errors4xx(), r.errors5xx(),
                        ms(r.p50Micros()), ms(r.p95Micros()), ms(r.p99Micros()), ms(r.maxMicros()));
            }
            if (e.other() != null) {
                line(out, "  %s: endpoints beyond the first %d", RequestStats.OTHER_ENDPOINTS, e.trackedMax());
            }
            line(out, "  Percentiles are rounded up, at most 1%% above the exact value; max is exact.");
        }
        return out.toString();
    }

    private static String bound(Long millis, String open) {
        return millis == null ? open : Instant.ofEpochMilli(millis).toString();
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1000.0);
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
