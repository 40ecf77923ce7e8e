package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SummaryFormatterTest {

    private static RunSummary summary(RunSummary.LateSends late, boolean generatorKeptUp, long expired) {
        return summary(late, generatorKeptUp, expired, 0.25);
    }

    private static RunSummary summary(
            RunSummary.LateSends late, boolean generatorKeptUp, long expired, double measureStartLagMs) {
        TreeMap<Integer, Long> statuses = new TreeMap<>();
        statuses.put(200, 29_980L);
        statuses.put(409, 10L);
        return new RunSummary(
                "customers.create", "http://127.0.0.1:12111", "lgabc", 2,
                1_000, 30_000, 5_000, 64, 10_000, 10_000,
                30_000, 29_995, measureStartLagMs, 999.8333, 29_990, 29_980, "HTTP 2xx", null, 999.5,
                statuses,
                new RunSummary.Errors(3, 1, 1, expired, 0, new TreeMap<>(Map.of(
                        "timeouts", "java.net.http.HttpTimeoutException: request timed out",
                        "connectErrors", "java.net.ConnectException: Connection refused"))),
                late,
                generatorKeptUp,
                new LatencySummary(29_993, 1.234, 2.5, 10.0, 55.125, 1_234.5),
                new LatencySummary(29_993, 1.1, 2.0, 8.0, 40.0, 900.0),
                5_000);
    }

    private static final RunSummary HEALTHY = summary(new RunSummary.LateSends(0, 12, 1.5, 3.25), true, 0);

    @Test
    void theTextReportShowsTheRateThroughputStatusesErrorsAndBothLatencies() {
        String text = SummaryFormatter.text(HEALTHY);

        assertThat(text).contains(
                "Pinstripe loadgen: customers.create against http://127.0.0.1:12111 (run lgabc)\n",
                "  generator        2 cores, shared with the server if it runs on this machine\n",
                "  target rate      1000.0 req/s for 30.0 s, after 5.0 s of warmup (not reported)\n",
                "  limits           64 connections, 10.0 s timeout, backlog at most 10000 requests\n",
                "  sent             29995 of 30000 scheduled, 999.8 req/s\n",
                "  start lag        0.250 ms behind schedule when the measured period began\n",
                "  throughput       999.5 req/s (responses completed in the measured period)\n",
                "Responses          29990\n",
                "  HTTP 200         29980\n",
                "  HTTP 409         10\n",
                "Successes          29980 (HTTP 2xx)\n",
                "Errors             5\n",
                "  timeouts         3\n",
                "  connect          1\n",
                "  first of connectErrors: java.net.ConnectException: Connection refused\n",
                "  first of timeouts: java.net.http.HttpTimeoutException: request timed out\n",
                "Late sends         12 sent more than 1 ms after their intended start (lag p99 1.500 ms, max 3.250 ms)\n",
                "Latency (ms)       count        p50        p90        p99      p99.9        max\n",
                "  corrected        29993      1.234      2.500     10.000     55.125   1234.500\n",
                "  uncorrected      29993      1.100      2.000      8.000     40.000    900.000\n");
        assertThat(text).doesNotContain("WARNING", "NOTE", "first unsuccessful");
    }

    @Test
    void theTextReportQuotesTheFirstUnsuccessfulResponseWhenTheScenarioSaysWhatWasWrong() {
        RunSummary checkout = new RunSummary(
                "payments.checkout", "http://x", "r", 2, 10, 1_000, 0, 1, 1_000, 10, 10, 10, 0, 10, 10, 7,
                "HTTP 200 with \"status\": \"succeeded\"", "POST /v1/payment_intents: HTTP 402, declined", 10,
                new TreeMap<>(Map.of(200, 7L, 402, 3L)), new RunSummary.Errors(0, 0, 0, 0, 0, new TreeMap<>()),
                new RunSummary.LateSends(0, 0, 0, 0), true, LatencySummary.EMPTY, LatencySummary.EMPTY, 0);

        assertThat(SummaryFormatter.text(checkout)).contains(
                "  HTTP 402         3\n"
                        + "Successes          7 (HTTP 200 with \"status\": \"succeeded\")\n"
                        + "  first unsuccessful: POST /v1/payment_intents: HTTP 402, declined\n"
                        + "Errors             0\n");
    }

    @Test
    void theTextReportSaysSoWhenTheGeneratorFellBehind() {
        String text = SummaryFormatter.text(summary(new RunSummary.LateSends(0, 900, 40, 80), false, 0));

        assertThat(text).contains("WARNING: the generator fell behind its schedule: 900 of 29995 requests (3.0%) were"
                + " sent more than 1 ms late although a connection was free.");
    }

    @Test
    void theTextReportSaysSoWhenConnectionsRanOut() {
        String text = SummaryFormatter.text(summary(new RunSummary.LateSends(40, 0, 800, 900), true, 5));

        assertThat(text).contains("NOTE: all 64 connections were busy at times: 40 requests waited for one and 5"
                + " expired unsent. Corrected latency includes that wait.");
    }

    @Test
    void theTextReportSaysSoWhenTheMeasuredPeriodBeganWithABacklog() {
        String text = SummaryFormatter.text(summary(new RunSummary.LateSends(0, 0, 0, 0), true, 0, 2_500));

        assertThat(text).contains("NOTE: the run was already 2500.000 ms behind schedule when the measured period"
                + " began, a backlog from the warmup.");
    }

    @Test
    void anEmptyHistogramIsShownAsDashes() {
        RunSummary nothing = new RunSummary(
                "customers.list", "http://x", "r", 2, 1, 1_000, 0, 1, 1_000, 1, 1, 0, 0, 0, 0, 0, "HTTP 2xx", null, 0,
                new TreeMap<>(), new RunSummary.Errors(0, 1, 0, 0, 0, new TreeMap<>()), new RunSummary.LateSends(0, 0, 0, 0), true,
                LatencySummary.EMPTY, LatencySummary.EMPTY, 0);

        assertThat(SummaryFormatter.text(nothing))
                .contains("  uncorrected          0          -          -          -          -          -\n");
    }

    @Test
    void theJsonSummaryHasEveryFigureUnderAStableName() throws Exception {
        JsonNode json = new ObjectMapper().readTree(SummaryFormatter.json(HEALTHY));

        assertThat(json.path("scenario").asText()).isEqualTo("customers.create");
        assertThat(json.path("cores").asInt()).isEqualTo(2);
        assertThat(json.path("targetRatePerSec").asDouble()).isEqualTo(1_000);
        assertThat(json.path("throughputPerSec").asDouble()).isEqualTo(999.5);
        assertThat(json.path("statusCounts").path("409").asLong()).isEqualTo(10);
        assertThat(json.path("successes").asLong()).isEqualTo(29_980);
        assertThat(json.path("successRule").asText()).isEqualTo("HTTP 2xx");
        assertThat(json.path("firstUnsuccessful").isNull()).isTrue();
        assertThat(json.path("errors").path("timeouts").asLong()).isEqualTo(3);
        assertThat(json.path("lateSends").path("generatorBehind").asLong()).isEqualTo(12);
        assertThat(json.path("generatorKeptUp").asBoolean()).isTrue();
        assertThat(json.path("latencyCorrected").path("p999Ms").asDouble()).isEqualTo(55.125);
        assertThat(json.path("latencyUncorrected").path("maxMs").asDouble()).isEqualTo(900.0);
        assertThat(json.path("errors").has("total")).isFalse();
        assertThat(json.path("errors").path("firstErrors").path("connectErrors").asText())
                .isEqualTo("java.net.ConnectException: Connection refused");
    }
}
