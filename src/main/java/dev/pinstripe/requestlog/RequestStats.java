package dev.pinstripe.requestlog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.PackedHistogram;

/**
 * Statistics over request-log entries fed one at a time, from any source: {@link #accept} each entry,
 * then take a {@link #report()}. Entries outside the time range are counted and otherwise ignored.
 *
 * <p>Memory is bounded by the number of distinct keys, never by the number of entries: one latency
 * histogram and three counters per endpoint, one counter per client IP among 5xx responses. Both are
 * capped ({@link Options#endpointsMax()}, {@link Options#clientIpsMax()}); entries of further endpoints
 * go to one "other" bucket, 5xx responses from further IPs are only counted. Keys longer than
 * {@link #ENDPOINT_CHARS_MAX} or {@link #CLIENT_IP_CHARS_MAX} go the same way, so the bound holds for a
 * hostile log too. A histogram takes about 1.5 KB for a typical spread of latencies and at most about
 * 31 KB (every one of its 3,286 buckets used), so with the defaults the whole aggregator stays under
 * 1,001 x (31 KB + 0.6 KB) + 10,000 x 0.3 KB, about 35 MB, and a few MB in practice (docs/request-logs.md).
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class RequestStats {

    public static final int TOP_DEFAULT = 10;
    public static final int TOP_MAX = 1_000;
    public static final int ENDPOINTS_MAX_DEFAULT = 1_000;
    public static final int CLIENT_IPS_MAX_DEFAULT = 10_000;
    /** Longest endpoint ("METHOD /path") tracked on its own; longer ones count as "other". */
    public static final int ENDPOINT_CHARS_MAX = 256;
    /** Longest client IP tracked on its own (an IPv6 address with a zone fits). */
    public static final int CLIENT_IP_CHARS_MAX = 64;
    /** Latencies above an hour are recorded as an hour (the exact maximum is kept apart). */
    public static final long LATENCY_MAX_MICROS = 3_600_000_000L;
    /** Percentiles are rounded up to the top of their histogram bucket: at most 1% above the exact value. */
    public static final int LATENCY_SIGNIFICANT_DIGITS = 2;
    /** The name of the bucket of endpoints beyond the limit. */
    public static final String OTHER_ENDPOINTS = "(other)";

    /** Which entries count, and the bounds on what is kept. */
    public record Options(TimeRange range, int top, int endpointsMax, int clientIpsMax) {
        public static final Options DEFAULT =
                new Options(TimeRange.ALL, TOP_DEFAULT, ENDPOINTS_MAX_DEFAULT, CLIENT_IPS_MAX_DEFAULT);

        public Options {
            if (range == null) {
                throw new IllegalArgumentException("range is required (TimeRange.ALL for every entry)");
            }
            if (top < 1 || top > TOP_MAX) {
                throw new IllegalArgumentException("top must be within 1.." + TOP_MAX + ", was " + top);
            }
            if (endpointsMax < 1 || clientIpsMax < 1) {
                throw new IllegalArgumentException("endpointsMax and clientIpsMax must be positive");
            }
        }

        public Options withRange(TimeRange newRange) {
            return new Options(newRange, top, endpointsMax, clientIpsMax);
        }

        public Options withTop(int newTop) {
            return new Options(range, newTop, endpointsMax, clientIpsMax);
        }

        public Options withLimits(int newEndpointsMax, int newClientIpsMax) {
            return new Options(range, top, newEndpointsMax, newClientIpsMax);
        }
    }

    /** Everything the statistics say, detached from the aggregator. */
    public record Report(TimeRange range, Totals totals, ServerErrorIps serverErrorIps, Endpoints endpoints) {}

    /**
     * @param entries every entry accepted, in the range or not
     * @param malformedLines lines of the source that were not entries (files only)
     * @param statusClasses of the entries in the range
     */
    public record Totals(long entries, long entriesInRange, long malformedLines, StatusClasses statusClasses) {}

    public record StatusClasses(long informational1xx, long success2xx, long redirect3xx, long clientError4xx,
            long serverError5xx) {}

    /**
     * Client IPs of 5xx responses in the range.
     *
     * @param top the IPs with most 5xx responses, most first, ties in ascending order of the IP's text
     * @param distinct distinct IPs tracked (all of them, unless {@code untracked > 0})
     * @param withoutIp 5xx responses whose entry has no client IP
     * @param untracked 5xx responses from IPs beyond {@code trackedMax} (or absurdly long ones)
     */
    public record ServerErrorIps(List<IpCount> top, long distinct, long withoutIp, long untracked, int trackedMax) {}

    public record IpCount(String clientIp, long count) {}

    /**
     * Endpoints of the entries in the range.
     *
     * @param tracked every tracked endpoint, most requests first, ties in ascending order of the name
     * @param other entries of endpoints beyond {@code trackedMax}, or null when there were none
     */
    public record Endpoints(List<EndpointSummary> tracked, EndpointSummary other, int trackedMax) {}

    /**
     * @param endpoint {@code METHOD route}, or {@code METHOD path} with IDs replaced by {@code {id}}
     * @param p50Micros percentiles are rounded up, at most 1% above the exact value; 0 when count is 0
     * @param maxMicros exact
     */
    public record EndpointSummary(String endpoint, long count, long errors4xx, long errors5xx,
            long p50Micros, long p95Micros, long p99Micros, long maxMicros) {}

    private final Options options;
    private final Map<String, Endpoint> endpoints = new HashMap<>();
    private Endpoint otherEndpoints;
    private final Map<String, long[]> serverErrorsByIp = new HashMap<>();
    private long serverErrorsWithoutIp;
    private long serverErrorsUntrackedIp;
    private long entries;
    private long entriesInRange;
    private long malformedLines;
    private final long[] statusClasses = new long[5];

    public RequestStats(Options options) {
        this.options = options;
    }

    public RequestStats() {
        this(Options.DEFAULT);
    }

    public Options options() {
        return options;
    }

    public void accept(RequestLogEntry entry) {
        entries++;
        if (!options.range().contains(entry.timeMillis())) {
            return;
        }
        entriesInRange++;
        int status = entry.status();
        statusClasses[status / 100 - 1]++;
        endpoint(endpointOf(entry)).record(status, entry.latencyMicros());
        if (status >= 500) {
            countServerError(entry.clientIp());
        }
    }

    /** Counts lines of the source that could not be read as entries. */
    public void addMalformedLines(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        malformedLines += count;
    }

    /** Distinct endpoints tracked, at most {@link Options#endpointsMax()}. */
    public int endpointsTracked() {
        return endpoints.size();
    }

    /** Distinct client IPs of 5xx responses tracked, at most {@link Options#clientIpsMax()}. */
    public int clientIpsTracked() {
        return serverErrorsByIp.size();
    }

    private Endpoint endpoint(String name) {
        Endpoint endpoint = endpoints.get(name);
        if (endpoint != null) {
            return endpoint;
        }
        if (endpoints.size() < options.endpointsMax() && name.length() <= ENDPOINT_CHARS_MAX) {
            endpoint = new Endpoint(name);
            endpoints.put(name, endpoint);
            return endpoint;
        }
        if (otherEndpoints == null) {
            otherEndpoints = new Endpoint(OTHER_ENDPOINTS);
        }
        return otherEndpoints;
    }

    private void countServerError(String clientIp) {
        if (clientIp == null || clientIp.isEmpty()) {
            serverErrorsWithoutIp++;
            return;
        }
        long[] count = serverErrorsByIp.get(clientIp);
        if (count == null) {
            if (serverErrorsByIp.size() >= options.clientIpsMax() || clientIp.length() > CLIENT_IP_CHARS_MAX) {
                serverErrorsUntrackedIp++;
                return;
            }
            count = new long[1];
            serverErrorsByIp.put(clientIp, count);
        }
        count[0]++;
    }

    public Report report() {
        List<IpCount> ips = new ArrayList<>(serverErrorsByIp.size());
        serverErrorsByIp.forEach((ip, count) -> ips.add(new IpCount(ip, count[0])));
        ips.sort(Comparator.comparingLong(IpCount::count).reversed().thenComparing(IpCount::clientIp));
        List<IpCount> top = List.copyOf(ips.subList(0, Math.min(options.top(), ips.size())));

        List<EndpointSummary> tracked = new ArrayList<>(endpoints.size());
        for (Endpoint endpoint : endpoints.values()) {
            tracked.add(endpoint.summary());
        }
        tracked.sort(Comparator.comparingLong(EndpointSummary::count).reversed()
                .thenComparing(EndpointSummary::endpoint));

        return new Report(options.range(),
                new Totals(entries, entriesInRange, malformedLines, new StatusClasses(statusClasses[0],
                        statusClasses[1], statusClasses[2], statusClasses[3], statusClasses[4])),
                new ServerErrorIps(top, serverErrorsByIp.size(), serverErrorsWithoutIp, serverErrorsUntrackedIp,
                        options.clientIpsMax()),
                new Endpoints(List.copyOf(tracked), otherEndpoints == null ? null : otherEndpoints.summary(),
                        options.endpointsMax()));
    }

    /** The endpoint an entry counts under: {@code METHOD route} when the route is known, else the normalised path. */
    public static String endpointOf(RequestLogEntry entry) {
        return entry.method() + " " + (entry.route() != null ? entry.route() : normalisedPath(entry.path()));
    }

    /**
     * The path without its query string, with every segment that looks like a Stripe ID replaced by
     * {@code {id}}: {@code /v1/customers/cus_Nf2k/sources/card_1Mz} becomes {@code /v1/customers/{id}/sources/{id}}.
     */
    public static String normalisedPath(String path) {
        int query = path.indexOf('?');
        String p = query >= 0 ? path.substring(0, query) : path;
        if (p.indexOf('_') < 0) {
            return p;
        }
        StringBuilder out = null;
        int start = 0;
        while (start <= p.length()) {
            int end = p.indexOf('/', start);
            if (end < 0) {
                end = p.length();
            }
            if (looksLikeId(p, start, end)) {
                if (out == null) {
                    out = new StringBuilder(p.length()).append(p, 0, start);
                }
                out.append("{id}");
            } else if (out != null) {
                out.append(p, start, end);
            }
            if (end < p.length() && out != null) {
                out.append('/');
            }
            start = end + 1;
        }
        return out == null ? p : out.toString();
    }

    /**
     * Whether {@code s[start, end)} has the shape of a Stripe ID: lower-case words joined by underscores
     * ({@code cus}, {@code cs_test}), an underscore, then letters and digits with at least one digit or
     * upper-case letter. The last condition tells {@code cus_Nf2kXq} from route words of the same shape
     * ({@code balance_transactions}, {@code apply_customer_balance}); a random 14-character suffix lacks
     * both with a probability of 0.0005%.
     */
    static boolean looksLikeId(String s, int start, int end) {
        int underscore = s.lastIndexOf('_', end - 1);
        if (underscore <= start || underscore >= end - 1) {
            return false;
        }
        char first = s.charAt(start);
        if (first < 'a' || first > 'z') {
            return false;
        }
        for (int i = start + 1; i < underscore; i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        boolean digitOrUpper = false;
        for (int i = underscore + 1; i < end; i++) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                digitOrUpper = true;
            } else if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return digitOrUpper;
    }

    /** Counts and a compact latency histogram of one endpoint. */
    private static final class Endpoint {
        private final String name;
        // PackedHistogram stores only the buckets in use; see the class comment for the bound.
        private final PackedHistogram latencyMicros =
                new PackedHistogram(LATENCY_MAX_MICROS, LATENCY_SIGNIFICANT_DIGITS);
        private long count;
        private long errors4xx;
        private long errors5xx;
        private long maxMicros;

        Endpoint(String name) {
            this.name = name;
        }

        void record(int status, long micros) {
            count++;
            if (status >= 500) {
                errors5xx++;
            } else if (status >= 400) {
                errors4xx++;
            }
            maxMicros = Math.max(maxMicros, micros);
            latencyMicros.recordValue(Math.min(micros, LATENCY_MAX_MICROS));
        }

        EndpointSummary summary() {
            return new EndpointSummary(name, count, errors4xx, errors5xx,
                    percentile(50), percentile(95), percentile(99), maxMicros);
        }

        private long percentile(double percentile) {
            return count == 0 ? 0 : Math.min(latencyMicros.getValueAtPercentile(percentile), maxMicros);
        }
    }
}
