package dev.pinstripe.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large generated access log is read as a stream: the heap retained while reading it (measured after a full
 * GC, halfway through and at the end) is a few MB, far below the file's size, because nothing but the bounded
 * per-key state outlives a line. A quarter of the lines are hostile (random paths, random client IPs with
 * 5xx), so the caps on endpoints and IPs are reached and must hold.
 */
class AccessLogStreamingTest {

    static final int LINES = 2_000_000;
    static final long RETAINED_BYTES_MAX = 16L * 1024 * 1024;

    @Test
    void twoMillionLinesAreAggregatedInBoundedMemory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("access.log");
        long seed = 42;
        Random random = new Random(seed);
        long ordinaryServerErrors = 0;
        Map<String, Long> ordinaryServerErrorsByIp = new HashMap<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                RequestLogEntry entry;
                if (i % 4 == 3) { // hostile: a new path and a new client IP every time
                    entry = RequestLogEntry.of(i, "GET", "/scan/" + Long.toHexString(random.nextLong()), null,
                            503, random.nextInt(10_000), "10." + random.nextInt(256) + "." + random.nextInt(256)
                                    + "." + random.nextInt(256));
                } else {
                    int status = random.nextInt(50) == 0 ? 500 : 200;
                    String ip = "198.51.100." + random.nextInt(20);
                    if (status == 500) {
                        ordinaryServerErrors++;
                        ordinaryServerErrorsByIp.merge(ip, 1L, Long::sum);
                    }
                    entry = RequestLogEntry.of(i, i % 2 == 0 ? "GET" : "POST", "/v1/customers/cus_" + i,
                            null, status, 100 + random.nextInt(200_000), ip);
                }
                out.write(AccessLogFormat.write(entry));
                out.write('\n');
            }
            out.write("not json\n");
        }
        long fileBytes = Files.size(file);

        RequestStats stats = new RequestStats();
        long[] retainedHalfway = new long[1];
        long before = usedHeapAfterGc();
        AccessLogFormat.ReadSummary summary;
        try (Reader in = AccessLogFormat.open(file)) {
            summary = AccessLogFormat.read(in, entry -> {
                stats.accept(entry);
                if (entry.timeMillis() == LINES / 2) {
                    retainedHalfway[0] = usedHeapAfterGc() - before;
                }
            });
        }
        stats.addMalformedLines(summary.malformedLines());
        long retainedAtEnd = usedHeapAfterGc() - before;
        RequestStats.Report report = stats.report();

        System.out.printf("streaming: %d lines, %d bytes; heap retained after GC: %d bytes halfway, %d at the end;"
                        + " %d endpoints and %d IPs tracked%n", summary.lines(), fileBytes, retainedHalfway[0],
                retainedAtEnd, stats.endpointsTracked(), stats.clientIpsTracked());
        assertThat(summary.entries()).isEqualTo(LINES);
        assertThat(report.totals().malformedLines()).isEqualTo(1);
        assertThat(fileBytes).isGreaterThan(250L * 1000 * 1000);
        assertThat(retainedHalfway[0]).isLessThan(RETAINED_BYTES_MAX);
        assertThat(retainedAtEnd).isLessThan(RETAINED_BYTES_MAX);
        assertThat(stats.endpointsTracked()).isEqualTo(RequestStats.ENDPOINTS_MAX_DEFAULT);
        assertThat(stats.clientIpsTracked()).isEqualTo(RequestStats.CLIENT_IPS_MAX_DEFAULT);

        // The ordinary traffic is all there, ahead of the scan: two endpoints, then the capped scan paths.
        assertThat(report.endpoints().tracked().get(0).endpoint()).isEqualTo("GET /v1/customers/{id}");
        assertThat(report.endpoints().tracked().get(1).endpoint()).isEqualTo("POST /v1/customers/{id}");
        assertThat(report.endpoints().tracked().get(0).count() + report.endpoints().tracked().get(1).count())
                .isEqualTo(LINES / 4 * 3);
        assertThat(report.endpoints().other().count()).isEqualTo(LINES / 4 - (RequestStats.ENDPOINTS_MAX_DEFAULT - 2));
        // The 20 ordinary IPs had their first 5xx before the scan filled the cap, so their counts are exact,
        // and they outnumber any scanning IP by far.
        List<RequestStats.IpCount> expectedTop = ordinaryServerErrorsByIp.entrySet().stream()
                .map(ip -> new RequestStats.IpCount(ip.getKey(), ip.getValue()))
                .sorted(Comparator.comparingLong(RequestStats.IpCount::count).reversed()
                        .thenComparing(RequestStats.IpCount::clientIp))
                .limit(RequestStats.TOP_DEFAULT).toList();
        assertThat(report.serverErrorIps().top()).as("seed %d", seed).isEqualTo(expectedTop);
        assertThat(report.serverErrorIps().untracked()).isPositive();
        assertThat(report.totals().statusClasses().serverError5xx()).isEqualTo(LINES / 4 + ordinaryServerErrors);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
