package dev.pinstripe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pinstripe.app.Main;
import dev.pinstripe.requestlog.AccessLogFormat;
import dev.pinstripe.requestlog.RequestLogEntry;
import dev.pinstripe.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pinstripe logs stats}, run through the real command line. */
class RequestStatsCommandTest {

    static final long T0 = 1_772_366_400_000L; // 2026-03-01T12:00:00Z

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private CommandLine cli;
    private String log;

    @BeforeEach
    void setUp() {
        cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        StringBuilder lines = new StringBuilder();
        // Inside [T0, T0 + 1h): 203.0.113.7 has three 5xx, .8 two, .9 one; outside: .5 has ten.
        for (int i = 0; i < 3; i++) {
            lines.append(line(T0 + i, "/v1/customers/cus_" + i, 500, 1_000, "203.0.113.7"));
        }
        lines.append(line(T0 + 10, "/v1/customers/cus_9", 503, 2_000, "203.0.113.8"));
        lines.append(line(T0 + 11, "/v1/charges/ch_1", 502, 3_000, "203.0.113.8"));
        lines.append(line(T0 + 12, "/v1/charges/ch_2", 500, 4_000, "203.0.113.9"));
        lines.append(line(T0 + 13, "/v1/charges", 200, 5_000, "203.0.113.9"));
        lines.append("this is not JSON\n");
        for (int i = 0; i < 10; i++) {
            lines.append(line(T0 + 3_600_000 + i, "/v1/charges", 500, 100, "203.0.113.5"));
        }
        log = lines.toString();
    }

    private static String line(long time, String path, int status, long micros, String ip) {
        return AccessLogFormat.write(RequestLogEntry.of(time, "GET", path, null, status, micros, ip)) + "\n";
    }

    @Test
    void statsOfAFileAsJsonHonourTheRangeAndTop(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("access.log");
        Files.writeString(file, log, StandardCharsets.UTF_8);

        int code = cli.execute("logs", "stats", "--file", file.toString(), "--from", "2026-03-01T12:00:00Z",
                "--to", "1772370000", "--top", "2", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/range/from").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(json.at("/range/to").asText()).isEqualTo("2026-03-01T13:00:00Z");
        assertThat(json.at("/totals/entries").asLong()).isEqualTo(17);
        assertThat(json.at("/totals/entries_in_range").asLong()).isEqualTo(7);
        assertThat(json.at("/totals/malformed_lines").asLong()).isEqualTo(1);
        assertThat(json.at("/totals/status_classes/5xx").asLong()).isEqualTo(6);
        assertThat(json.at("/server_error_ips/top").size()).isEqualTo(2);
        assertThat(json.at("/server_error_ips/top/0/client_ip").asText()).isEqualTo("203.0.113.7");
        assertThat(json.at("/server_error_ips/top/0/count").asLong()).isEqualTo(3);
        assertThat(json.at("/server_error_ips/top/1/client_ip").asText()).isEqualTo("203.0.113.8");
        assertThat(json.at("/server_error_ips/top/1/count").asLong()).isEqualTo(2);
        assertThat(json.at("/server_error_ips/distinct").asLong()).isEqualTo(3);
        JsonNode customers = json.at("/endpoints/tracked/0");
        assertThat(customers.get("endpoint").asText()).isEqualTo("GET /v1/customers/{id}");
        assertThat(customers.get("count").asLong()).isEqualTo(4);
        assertThat(customers.get("errors_5xx").asLong()).isEqualTo(4);
        assertThat(customers.get("p50_micros").asLong()).isBetween(1_000L, 1_010L);
        assertThat(customers.get("p99_micros").asLong()).isBetween(2_000L, 2_020L);
        assertThat(json.at("/endpoints/tracked/1/endpoint").asText()).isEqualTo("GET /v1/charges/{id}");
        assertThat(json.at("/endpoints/tracked/2/endpoint").asText()).isEqualTo("GET /v1/charges");
        assertThat(json.at("/endpoints/tracked/2/count").asLong()).isEqualTo(1);
        assertThat(err.toString()).contains("skipped 1 malformed line(s) of 18; the first, line 8: invalid JSON");
    }

    @Test
    void statsOfStandardInputAsATable() {
        LogsCommand.Stats stats = (LogsCommand.Stats) cli.getSubcommands().get("logs").getSubcommands().get("stats")
                .getCommand();
        stats.stdin = new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8));

        int code = cli.execute("logs", "stats", "--file", "-");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("range           all entries",
                "entries         17 read, 17 in range, 1 malformed lines skipped",
                "     1  203.0.113.5          10",
                "     2  203.0.113.7           3",
                "GET /v1/charges                 11        0       10      0.100      5.000      5.000      5.000");
    }

    @Test
    void withoutAFileTheStatsAndTheTailReadTheServersRequestLog() throws Exception {
        try (TestServer server = TestServer.start()) {
            var created = server.newAccount();
            String key = created.secretKey();
            String account = created.accountId();
            for (int i = 0; i < 4; i++) {
                server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl()
                        + "/v1/customers/cus_missing" + i)).header("Authorization", "Bearer " + key).GET());
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> server.pinstripe()
                    .database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM request_logs"
                            + " WHERE account_id = :a").bind("a", account).mapTo(Integer.class).one()) == 4);

            int code = cli.execute("logs", "stats", "--database-url", server.databaseUrl(), "--account", account,
                    "--json");
            assertThat(code).as(err.toString()).isZero();
            JsonNode stats = new ObjectMapper().readTree(out.toString());
            assertThat(stats.toString()).contains("GET /v1/customers/{customer}");
            assertThat(stats.path("totals").toString()).contains("4");

            StringWriter tailOut = new StringWriter();
            CommandLine tail = new CommandLine(new Main());
            tail.setOut(new PrintWriter(tailOut));
            tail.setErr(new PrintWriter(err));
            assertThat(tail.execute("logs", "tail", "--database-url", server.databaseUrl(), "--account", account,
                    "--status", "4xx", "--lines", "3", "--no-follow", "--json")).as(err.toString()).isZero();
            String[] lines = tailOut.toString().strip().split("\n");
            assertThat(lines).hasSize(3);
            assertThat(lines[2]).contains("cus_missing3").contains("\"status\":404");
        }
    }

    @Test
    void aMissingFileIsAnErrorWithoutAStackTrace(@TempDir Path dir) {
        int code = cli.execute("logs", "stats", "--file", dir.resolve("absent.log").toString());

        assertThat(code).isEqualTo(LogsCommand.EXIT_UNREADABLE);
        assertThat(err.toString()).contains("no such file").doesNotContain("Exception");
    }

    @Test
    void badArgumentsAreUsageErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("access.log");
        Files.writeString(file, log, StandardCharsets.UTF_8);

        assertThat(cli.execute("logs", "stats", "--file", file.toString(), "--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("is not a time");
        assertThat(cli.execute("logs", "stats", "--file", file.toString(), "--top", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--top must be within 1..1000, was 0");
        assertThat(cli.execute("logs", "stats", "--file", file.toString(), "--from", "2026-03-02", "--to", "2026-03-01"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--from must be before --to");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theRootHelpListsTheLogsCommand() {
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("logs");
        assertThat(cli.getSubcommands().get("logs").getSubcommands().get("stats").getUsageMessage())
                .contains("--file", "--from", "--to", "--top", "--json");
    }
}
