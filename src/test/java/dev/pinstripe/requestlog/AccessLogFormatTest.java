package dev.pinstripe.requestlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pinstripe.requestlog.AccessLogFormat.ParsedLine;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogFormatTest {

    static final RequestLogEntry FULL = new RequestLogEntry(1_772_366_400_123L, "req_Q3d9TsWm1KpL0a",
            "acct_1Nv0FGQ9RKHgCVdK", true, "POST", "/v1/customers/cus_Nf2kXq81LmZ0pA", "/v1/customers/{customer}",
            402, 18_250, "2001:db8::1", "Mozilla/5.0 \"quoted\"\ttab\nnewline é 日本 \u2028", "8c1f2a4e",
            "2025-09-30.clover", "card_error", "card_declined", List.of("ch_1", "pi_2"));

    @Test
    void everyFieldSurvivesAWriteAndAReadOnOneLine() {
        String line = AccessLogFormat.write(FULL);

        assertThat(line).doesNotContain("\n", "\r");
        assertThat(AccessLogFormat.parse(line)).isEqualTo(new ParsedLine.Entry(FULL));
    }

    @Test
    void nullFieldsAreOmittedAndReadBackAsNull() {
        RequestLogEntry minimal = RequestLogEntry.of(5, "GET", "/v1/balance", null, 200, 0, null);

        String line = AccessLogFormat.write(minimal);

        assertThat(line).isEqualTo(
                "{\"time_millis\":5,\"method\":\"GET\",\"path\":\"/v1/balance\",\"status\":200,\"latency_micros\":0}");
        assertThat(AccessLogFormat.parse(line)).isEqualTo(new ParsedLine.Entry(minimal));
        assertThat(AccessLogFormat.parse("{\"time_millis\":5,\"method\":\"GET\",\"path\":\"/v1/balance\",\"status\":200,"
                + "\"latency_micros\":0,\"route\":null,\"livemode\":null,\"created_ids\":null,\"client_ip\":null}"))
                .isEqualTo(new ParsedLine.Entry(minimal));
    }

    @Test
    void unknownFieldsAndAnyFieldOrderAreAccepted() {
        ParsedLine parsed = AccessLogFormat.parse("{\"future\":{\"nested\":[1,2,{\"x\":null}]},\"status\":500,"
                + "\"latency_micros\":7,\"path\":\"/v1/x\",\"method\":\"DELETE\",\"time_millis\":9,\"extra\":\"y\"}");

        assertThat(parsed).isEqualTo(new ParsedLine.Entry(RequestLogEntry.of(9, "DELETE", "/v1/x", null, 500, 7, null)));
    }

    @Test
    void theExampleLineInTheDocsIsAValidEntryWrittenAsTheWriterWritesIt() throws IOException {
        String doc = Files.readString(Path.of("docs", "request-logs.md"), StandardCharsets.UTF_8);
        int section = doc.indexOf("## Access log file format");
        int start = doc.indexOf("```json\n", section) + "```json\n".length();
        String example = doc.substring(start, doc.indexOf('\n', start));

        ParsedLine parsed = AccessLogFormat.parse(example);

        assertThat(parsed).isInstanceOf(ParsedLine.Entry.class);
        assertThat(AccessLogFormat.write(((ParsedLine.Entry) parsed).entry())).isEqualTo(example);
    }

    @Test
    void malformedLinesSayWhy() {
        String ok = "\"time_millis\":1,\"method\":\"GET\",\"path\":\"/v1/x\",\"status\":200,\"latency_micros\":3";
        assertThat(reason("not json")).startsWith("invalid JSON");
        assertThat(reason("[1,2]")).isEqualTo("not a JSON object");
        assertThat(reason("\"a string\"")).isEqualTo("not a JSON object");
        assertThat(reason("{" + ok)).startsWith("invalid JSON");
        assertThat(reason("{" + ok + "} {}")).isEqualTo("content after the JSON object");
        assertThat(reason("{" + ok + ",\"status\":201}")).contains("Duplicate field 'status'");
        assertThat(reason("{" + ok.replace("\"status\":200,", "") + "}")).isEqualTo("missing field 'status'");
        assertThat(reason("{" + ok.replace("\"time_millis\":1,", "") + "}")).isEqualTo("missing field 'time_millis'");
        assertThat(reason("{" + ok.replace("200", "700") + "}")).isEqualTo("status must be within 100..599, was 700");
        assertThat(reason("{" + ok.replace("200", "\"200\"") + "}")).isEqualTo("'status' must be an integer");
        assertThat(reason("{" + ok.replace("200", "200.5") + "}")).isEqualTo("'status' must be an integer");
        assertThat(reason("{" + ok.replace(":3", ":-3") + "}")).isEqualTo("latency_micros must not be negative, was -3");
        assertThat(reason("{" + ok.replace(":3", ":99999999999999999999") + "}")).startsWith("invalid JSON");
        assertThat(reason("{" + ok.replace("\"time_millis\":1", "\"time_millis\":-1") + "}"))
                .isEqualTo("time_millis must not be negative, was -1");
        assertThat(reason("{" + ok.replace("GET", "get") + "}")).isEqualTo("method must be 1 to 16 upper-case letters");
        assertThat(reason("{" + ok.replace("/v1/x", "v1/x") + "}")).isEqualTo("path must start with '/'");
        assertThat(reason("{" + ok + ",\"livemode\":\"yes\"}")).isEqualTo("'livemode' must be true or false");
        assertThat(reason("{" + ok + ",\"created_ids\":[1]}")).isEqualTo("'created_ids' must be an array of strings");
        assertThat(reason("{" + ok + ",\"client_ip\":{}}")).isEqualTo("'client_ip' must be a string");
    }

    private static String reason(String line) {
        ParsedLine parsed = AccessLogFormat.parse(line);
        assertThat(parsed).as(line).isInstanceOf(ParsedLine.Malformed.class);
        return ((ParsedLine.Malformed) parsed).reason();
    }

    @Test
    void readingCountsAndSkipsMalformedAndBlankLinesAndKeepsTheOthersInOrder() throws IOException {
        String input = line(1) + "\n"
                + "garbage\n"
                + "\n"
                + "   \r\n"
                + line(2) + "\r\n"
                + "{\"time_millis\":3}\n"
                + line(4); // no final newline
        List<RequestLogEntry> entries = new ArrayList<>();

        AccessLogFormat.ReadSummary summary = AccessLogFormat.read(new StringReader(input), entries::add);

        assertThat(entries).extracting(RequestLogEntry::timeMillis).containsExactly(1L, 2L, 4L);
        assertThat(summary).isEqualTo(new AccessLogFormat.ReadSummary(7, 3, 2, 2, 2,
                "invalid JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"));
    }

    @Test
    void aLineLongerThanTheLimitIsMalformedAndTheNextLineIsStillRead() throws IOException {
        String huge = "{\"time_millis\":1,\"user_agent\":\"" + "x".repeat(3 * AccessLogFormat.LINE_CHARS_MAX) + "\"}";
        String exactlyAtLimit = padded(line(3), AccessLogFormat.LINE_CHARS_MAX);
        List<RequestLogEntry> entries = new ArrayList<>();

        AccessLogFormat.ReadSummary summary = AccessLogFormat.read(
                new StringReader(line(1) + "\n" + huge + "\n" + line(2) + "\n" + exactlyAtLimit + "\r\n"), entries::add);

        assertThat(entries).extracting(RequestLogEntry::timeMillis).containsExactly(1L, 2L, 3L);
        assertThat(summary.malformedLines()).isEqualTo(1);
        assertThat(summary.firstMalformedLine()).isEqualTo(2);
        assertThat(summary.firstMalformedReason()).isEqualTo("line longer than 65536 characters");
    }

    @Test
    void lineReaderSplitsLinesAcrossBufferBoundaries() throws IOException {
        StringBuilder input = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            String l = "l" + i + "-".repeat(i % 97);
            expected.add(l);
            input.append(l).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        AccessLogFormat.LineReader reader = new AccessLogFormat.LineReader(new StringReader(input.toString()), 200);
        List<String> lines = new ArrayList<>();
        String l;
        while ((l = reader.next()) != null) {
            assertThat(reader.overlong()).isFalse();
            lines.add(l);
        }

        assertThat(lines).isEqualTo(expected);
    }

    @Test
    void gzippedFilesAreDecompressed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("access.log.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((line(1) + "\n" + line(2) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<RequestLogEntry> entries = new ArrayList<>();

        try (var in = AccessLogFormat.open(file)) {
            AccessLogFormat.read(in, entries::add);
        }

        assertThat(entries).extracting(RequestLogEntry::timeMillis).containsExactly(1L, 2L);
    }

    private static String line(long time) {
        return AccessLogFormat.write(RequestLogEntry.of(time, "GET", "/v1/customers", null, 200, 10, "10.0.0.1"));
    }

    /** The line with a user agent that makes it exactly {@code length} characters long. */
    private static String padded(String line, int length) {
        String prefix = line.substring(0, line.length() - 1) + ",\"user_agent\":\"";
        return prefix + "y".repeat(length - prefix.length() - 2) + "\"}";
    }
}
