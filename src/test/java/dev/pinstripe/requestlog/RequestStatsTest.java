package dev.pinstripe.requestlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinstripe.requestlog.RequestStats.EndpointSummary;
import dev.pinstripe.requestlog.RequestStats.IpCount;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestStatsTest {

    private static RequestLogEntry entry(long time, String method, String path, int status, long micros, String ip) {
        return RequestLogEntry.of(time, method, path, null, status, micros, ip);
    }

    @Test
    void topClientIpsAmong5xxAreCountedAndTiesAreBrokenByTheIpsText() {
        RequestStats stats = new RequestStats(RequestStats.Options.DEFAULT.withTop(3));
        feed(stats, "10.0.0.9", 500, 5);
        feed(stats, "10.0.0.20", 503, 3);
        feed(stats, "10.0.0.10", 502, 3);
        feed(stats, "10.0.0.1", 500, 1);
        feed(stats, "192.168.1.1", 404, 50); // many requests, none a 5xx
        feed(stats, null, 500, 2);

        RequestStats.ServerErrorIps ips = stats.report().serverErrorIps();

        assertThat(ips.top()).containsExactly(new IpCount("10.0.0.9", 5), new IpCount("10.0.0.10", 3),
                new IpCount("10.0.0.20", 3));
        assertThat(ips.distinct()).isEqualTo(4);
        assertThat(ips.withoutIp()).isEqualTo(2);
        assertThat(ips.untracked()).isZero();
    }

    private static void feed(RequestStats stats, String ip, int status, int times) {
        for (int i = 0; i < times; i++) {
            stats.accept(entry(0, "GET", "/v1/customers", status, 1_000, ip));
        }
    }

    @Test
    void percentilesOfOneToAThousandMillisecondsAreWithinOnePercentAbove() {
        RequestStats stats = new RequestStats();
        List<Long> latencies = new ArrayList<>();
        for (long ms = 1; ms <= 1000; ms++) {
            latencies.add(ms * 1000);
        }
        Collections.shuffle(latencies, new Random(7));
        for (long micros : latencies) {
            stats.accept(entry(0, "POST", "/v1/payment_intents", micros % 7 == 0 ? 500 : 200, micros, "10.0.0.1"));
        }
        for (int i = 0; i < 10; i++) {
            stats.accept(entry(0, "GET", "/v1/balance", i < 3 ? 401 : 200, 250, "10.0.0.1"));
        }

        List<EndpointSummary> endpoints = stats.report().endpoints().tracked();

        EndpointSummary intents = endpoints.get(0);
        assertThat(intents.endpoint()).isEqualTo("POST /v1/payment_intents");
        assertThat(intents.count()).isEqualTo(1000);
        assertThat(intents.errors5xx()).isEqualTo(142); // multiples of 7 up to 1000
        assertThat(intents.errors4xx()).isZero();
        assertWithinPrecision(intents.p50Micros(), 500_000);
        assertWithinPrecision(intents.p95Micros(), 950_000);
        assertWithinPrecision(intents.p99Micros(), 990_000);
        assertThat(intents.maxMicros()).isEqualTo(1_000_000);
        // Below 256 microseconds the histogram is exact.
        assertThat(endpoints.get(1)).isEqualTo(new EndpointSummary("GET /v1/balance", 10, 3, 0, 250, 250, 250, 250));
    }

    /** The histogram reports the top of the exact value's bucket: never below, at most 1% above. */
    private static void assertWithinPrecision(long reportedMicros, long exactMicros) {
        assertThat(reportedMicros).isBetween(exactMicros, exactMicros + exactMicros / 100);
    }

    @Test
    void aSeededAccessLogGivesTheAnswersComputedByBruteForce(@TempDir Path dir) throws IOException {
        long seed = 20260301L;
        Random random = new Random(seed);
        String[] paths = {"/v1/customers", "/v1/customers/cus_%s", "/v1/payment_intents/pi_%s/confirm",
            "/v1/balance_transactions", "/v1/events/evt_%s", "/v1/webhook_endpoints/we_%s"};
        String[] endpointNames = {"GET /v1/customers", "GET /v1/customers/{id}", "POST /v1/payment_intents/{id}/confirm",
            "GET /v1/balance_transactions", "GET /v1/events/{id}", "GET /v1/webhook_endpoints/{id}"};
        String[] methods = {"GET", "GET", "POST", "GET", "GET", "GET"};
        int entries = 100_000;
        long start = 1_772_366_400_000L;
        long from = start + 10_000 * 60L;
        long to = start + 90_000 * 60L;

        Map<String, List<Long>> latencies = new HashMap<>();
        Map<String, long[]> errors = new HashMap<>();
        Map<String, Long> serverErrorsByIp = new TreeMap<>();
        Path file = dir.resolve("access.log");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < entries; i++) {
                int e = random.nextInt(paths.length);
                String path = paths[e].formatted(randomId(random));
                // Latencies from 50 us to about 2 s, log-uniform, so percentiles fall into many buckets.
                long micros = (long) (50 * Math.pow(40_000, random.nextDouble()));
                int roll = random.nextInt(100);
                int status = roll < 80 ? 200 : roll < 92 ? 402 : roll < 97 ? 500 : 503;
                // Skewed IPs, so the top of the ranking is clear and ties exist further down.
                String ip = "198.51.100." + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 200);
                long time = start + i * 60L;
                out.write(AccessLogFormat.write(entry(time, methods[e], path, status, micros, ip)));
                out.write('\n');
                if (i % 10_000 == 5) {
                    out.write("{\"broken\": true\n");
                }
                if (time < from || time >= to) {
                    continue;
                }
                latencies.computeIfAbsent(endpointNames[e], k -> new ArrayList<>()).add(micros);
                long[] counts = errors.computeIfAbsent(endpointNames[e], k -> new long[2]);
                if (status >= 500) {
                    counts[1]++;
                    serverErrorsByIp.merge(ip, 1L, Long::sum);
                } else if (status >= 400) {
                    counts[0]++;
                }
            }
        }

        RequestStats stats = new RequestStats(RequestStats.Options.DEFAULT.withTop(10)
                .withRange(new TimeRange(from, to)));
        AccessLogFormat.ReadSummary summary;
        try (var in = AccessLogFormat.open(file)) {
            summary = AccessLogFormat.read(in, stats::accept);
        }
        stats.addMalformedLines(summary.malformedLines());
        RequestStats.Report report = stats.report();

        assertThat(summary.entries()).as("seed %d", seed).isEqualTo(entries);
        assertThat(report.totals().entries()).isEqualTo(entries);
        assertThat(report.totals().entriesInRange()).isEqualTo(80_000);
        assertThat(report.totals().malformedLines()).isEqualTo(10);

        List<IpCount> expectedTop = serverErrorsByIp.entrySet().stream()
                .map(ip -> new IpCount(ip.getKey(), ip.getValue()))
                .sorted(Comparator.comparingLong(IpCount::count).reversed().thenComparing(IpCount::clientIp))
                .limit(10).toList();
        assertThat(report.serverErrorIps().top()).as("seed %d", seed).isEqualTo(expectedTop);
        assertThat(report.serverErrorIps().distinct()).isEqualTo(serverErrorsByIp.size());

        assertThat(report.endpoints().tracked()).extracting(EndpointSummary::endpoint)
                .containsExactlyInAnyOrder(endpointNames);
        for (EndpointSummary endpoint : report.endpoints().tracked()) {
            List<Long> sorted = latencies.get(endpoint.endpoint()).stream().sorted().toList();
            assertThat(endpoint.count()).isEqualTo(sorted.size());
            assertThat(endpoint.errors4xx()).isEqualTo(errors.get(endpoint.endpoint())[0]);
            assertThat(endpoint.errors5xx()).isEqualTo(errors.get(endpoint.endpoint())[1]);
            assertWithinPrecision(endpoint.p50Micros(), nearestRank(sorted, 50));
            assertWithinPrecision(endpoint.p95Micros(), nearestRank(sorted, 95));
            assertWithinPrecision(endpoint.p99Micros(), nearestRank(sorted, 99));
            assertThat(endpoint.maxMicros()).isEqualTo(sorted.getLast());
        }
        assertThat(report.endpoints().other()).isNull();
    }

    /** The smallest value with at least {@code percent}% of the values at or below it. */
    private static long nearestRank(List<Long> sorted, int percent) {
        long rank = ((long) percent * sorted.size() + 99) / 100;
        return sorted.get((int) Math.max(rank, 1) - 1);
    }

    private static String randomId(Random random) {
        String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            id.append(base62.charAt(random.nextInt(62)));
        }
        return id.toString().replace(id.charAt(0), '7'); // at least one digit, as almost every real ID has
    }

    @Test
    void idsInPathsAreNormalisedAndRouteWordsAreNot() {
        assertThat(RequestStats.normalisedPath("/v1/customers/cus_1")).isEqualTo("/v1/customers/{id}");
        assertThat(RequestStats.normalisedPath("/v1/customers/cus_abc123")).isEqualTo("/v1/customers/{id}");
        assertThat(RequestStats.normalisedPath("/v1/customers/cus_NfKxQ")).isEqualTo("/v1/customers/{id}");
        assertThat(RequestStats.normalisedPath("/v1/payment_intents/pi_3Mtw8/confirm"))
                .isEqualTo("/v1/payment_intents/{id}/confirm");
        assertThat(RequestStats.normalisedPath("/v1/customers/cus_9/sources/card_1Mz?expand[]=x"))
                .isEqualTo("/v1/customers/{id}/sources/{id}");
        assertThat(RequestStats.normalisedPath("/v1/checkout/sessions/cs_test_a1B2c3/line_items"))
                .isEqualTo("/v1/checkout/sessions/{id}/line_items");
        assertThat(RequestStats.normalisedPath("/v1/events/evt_1")).isEqualTo("/v1/events/{id}");
        assertThat(RequestStats.normalisedPath("/v1/webhook_endpoints/we_1/")).isEqualTo("/v1/webhook_endpoints/{id}/");
        for (String unchanged : List.of("/v1/balance_transactions", "/v1/payment_intents/search", "/",
                "/v1/payment_intents/{intent}/apply_customer_balance", "/v1/test_helpers/test_clocks",
                "/v1/payment_methods/pm_card_visa", "/v1/x/_1", "/v1/x/cus_", "/v1/x/Cus_1", "/v1/x/cus_1-2")) {
            assertThat(RequestStats.normalisedPath(unchanged)).as(unchanged).isEqualTo(unchanged);
        }
    }

    @Test
    void entriesOfOneRouteCountTogetherAndTheRouteWinsOverThePath() {
        RequestStats stats = new RequestStats();
        stats.accept(entry(0, "GET", "/v1/customers/cus_1", 200, 100, null));
        stats.accept(entry(0, "GET", "/v1/customers/cus_2Xy", 200, 100, null));
        stats.accept(RequestLogEntry.of(0, "GET", "/v1/customers/cus_3", "/v1/customers/{customer}", 200, 100, null));
        stats.accept(RequestLogEntry.of(0, "GET", "/v1/customers/cus_4", "/v1/customers/{customer}", 404, 100, null));
        stats.accept(entry(0, "DELETE", "/v1/customers/cus_5", 200, 100, null));

        assertThat(stats.report().endpoints().tracked())
                .extracting(EndpointSummary::endpoint, EndpointSummary::count, EndpointSummary::errors4xx)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET /v1/customers/{customer}", 2L, 1L),
                        org.assertj.core.groups.Tuple.tuple("GET /v1/customers/{id}", 2L, 0L),
                        org.assertj.core.groups.Tuple.tuple("DELETE /v1/customers/{id}", 1L, 0L));
    }

    @Test
    void onlyEntriesInTheHalfOpenRangeCount() {
        RequestStats stats = new RequestStats(RequestStats.Options.DEFAULT.withRange(new TimeRange(1_000L, 2_000L)));
        for (long time : new long[] {0, 999, 1_000, 1_500, 1_999, 2_000, 5_000}) {
            stats.accept(entry(time, "GET", "/v1/x", 500, time, "10.0.0." + time));
        }

        RequestStats.Report report = stats.report();

        assertThat(report.totals().entries()).isEqualTo(7);
        assertThat(report.totals().entriesInRange()).isEqualTo(3);
        assertThat(report.totals().statusClasses()).isEqualTo(new RequestStats.StatusClasses(0, 0, 0, 0, 3));
        assertThat(report.serverErrorIps().top()).extracting(IpCount::clientIp)
                .containsExactly("10.0.0.1000", "10.0.0.1500", "10.0.0.1999");
        assertThat(report.endpoints().tracked().getFirst().maxMicros()).isEqualTo(1_999);
    }

    @Test
    void openBoundsAndStatusClassesAreCounted() {
        RequestStats stats = new RequestStats(RequestStats.Options.DEFAULT.withRange(new TimeRange(null, 3L)));
        int[] statuses = {101, 200, 201, 302, 400, 404, 429, 500, 599};
        for (int status : statuses) {
            stats.accept(entry(2, "GET", "/v1/x", status, 1, "ip"));
        }
        stats.accept(entry(3, "GET", "/v1/x", 200, 1, "ip"));

        assertThat(stats.report().totals().statusClasses()).isEqualTo(new RequestStats.StatusClasses(1, 2, 1, 3, 2));
    }

    @Test
    void endpointsAndIpsBeyondTheirCapsGoToOtherAndAreStillCounted() {
        RequestStats stats = new RequestStats(RequestStats.Options.DEFAULT.withLimits(3, 2));
        for (int i = 0; i < 10; i++) {
            stats.accept(entry(0, "GET", "/scan/" + i, 500, 1_000 * (i + 1), "10.0.0." + i));
        }
        stats.accept(entry(0, "GET", "/scan/0", 500, 1, "10.0.0.0"));
        stats.accept(entry(0, "GET", "/" + "a".repeat(RequestStats.ENDPOINT_CHARS_MAX), 200, 1, "10.0.0.0"));

        RequestStats.Report report = stats.report();

        assertThat(stats.endpointsTracked()).isEqualTo(3);
        assertThat(stats.clientIpsTracked()).isEqualTo(2);
        assertThat(report.endpoints().tracked()).extracting(EndpointSummary::endpoint, EndpointSummary::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GET /scan/0", 2L),
                        org.assertj.core.groups.Tuple.tuple("GET /scan/1", 1L),
                        org.assertj.core.groups.Tuple.tuple("GET /scan/2", 1L));
        EndpointSummary other = report.endpoints().other();
        assertThat(other.endpoint()).isEqualTo(RequestStats.OTHER_ENDPOINTS);
        assertThat(other.count()).isEqualTo(8);
        assertThat(other.errors5xx()).isEqualTo(7);
        assertThat(other.maxMicros()).isEqualTo(10_000);
        assertThat(report.serverErrorIps().top()).containsExactly(new IpCount("10.0.0.0", 2), new IpCount("10.0.0.1", 1));
        assertThat(report.serverErrorIps().untracked()).isEqualTo(8);
    }

    @Test
    void latenciesAboveAnHourAreRecordedAsAnHourButTheMaximumIsExact() {
        RequestStats stats = new RequestStats();
        stats.accept(entry(0, "GET", "/v1/x", 200, 5 * RequestStats.LATENCY_MAX_MICROS, null));

        EndpointSummary endpoint = stats.report().endpoints().tracked().getFirst();

        assertWithinPrecision(endpoint.p99Micros(), RequestStats.LATENCY_MAX_MICROS);
        assertThat(endpoint.maxMicros()).isEqualTo(5 * RequestStats.LATENCY_MAX_MICROS);
    }

    @Test
    void optionsAndRangesRejectNonsense() {
        assertThatThrownBy(() -> RequestStats.Options.DEFAULT.withTop(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestStats.Options.DEFAULT.withTop(RequestStats.TOP_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimeRange(5L, 5L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestStats().addMalformedLines(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeBoundsAcceptInstantsDatesAndEpochSecondsOrMilliseconds() {
        long expected = 1_772_366_400_000L; // 2026-03-01T12:00:00Z
        assertThat(TimeRange.parseBound("2026-03-01T12:00:00Z")).isEqualTo(expected);
        assertThat(TimeRange.parseBound("2026-03-01T13:00:00+01:00")).isEqualTo(expected);
        assertThat(TimeRange.parseBound("1772366400")).isEqualTo(expected);
        assertThat(TimeRange.parseBound("1772366400000")).isEqualTo(expected);
        assertThat(TimeRange.parseBound("2026-03-01")).isEqualTo(expected - 12 * 3_600_000L);
        for (String bad : List.of("", "yesterday", "-5", "2026-13-01", "99999999999999999999")) {
            assertThatThrownBy(() -> TimeRange.parseBound(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a time");
        }
    }

    @Test
    void theReportRendersAsATableAndAsJson() throws IOException {
        RequestStats stats = new RequestStats(RequestStats.Options.DEFAULT.withRange(new TimeRange(0L, null)));
        stats.accept(entry(1, "GET", "/v1/customers/cus_1", 500, 1_500, "203.0.113.7"));
        stats.accept(entry(2, "POST", "/v1/customers", 402, 200, "203.0.113.8"));
        stats.addMalformedLines(2);
        RequestStats.Report report = stats.report();

        String text = RequestStatsFormatter.text(report);
        JsonNode json = new ObjectMapper().readTree(RequestStatsFormatter.jsonString(report));

        assertThat(text).contains("range           [1970-01-01T00:00:00Z, end)",
                "entries         2 read, 2 in range, 2 malformed lines skipped",
                "1xx 0, 2xx 0, 3xx 0, 4xx 1, 5xx 1",
                "     1  203.0.113.7           1",
                "GET /v1/customers/{id}",
                "1.500", "0.200");
        assertThat(json.at("/range/from").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(json.at("/range/to").isNull()).isTrue();
        assertThat(json.at("/totals/malformed_lines").asLong()).isEqualTo(2);
        assertThat(json.at("/totals/status_classes/5xx").asLong()).isEqualTo(1);
        assertThat(json.at("/server_error_ips/top/0/client_ip").asText()).isEqualTo("203.0.113.7");
        assertThat(json.at("/endpoints/tracked/0/endpoint").asText()).isEqualTo("GET /v1/customers/{id}");
        assertThat(json.at("/endpoints/tracked/0/p99_micros").asLong()).isEqualTo(1_500);
        assertThat(json.at("/endpoints/tracked/1/errors_4xx").asLong()).isEqualTo(1);
        assertThat(json.at("/endpoints/other").isNull()).isTrue();
    }
}
