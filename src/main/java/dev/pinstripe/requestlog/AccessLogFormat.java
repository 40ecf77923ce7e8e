package dev.pinstripe.requestlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * The access-log file format: JSON Lines, one {@link RequestLogEntry} per line, UTF-8 (docs/request-logs.md,
 * "Access log file format"). {@link #write} produces a line, {@link #parse} reads one back, {@link #read}
 * streams a whole file line by line and never holds more than one line (at most {@link #LINE_CHARS_MAX}
 * characters) in memory.
 */
public final class AccessLogFormat {

    /** Longest line read; longer lines are malformed and skipped without being buffered. */
    public static final int LINE_CHARS_MAX = 64 * 1024;

    private static final int READ_BUFFER_CHARS = 64 * 1024;
    private static final int REASON_CHARS_MAX = 200;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AccessLogFormat() {}

    /** What one line holds: an entry, or why it is not one. */
    public sealed interface ParsedLine {
        record Entry(RequestLogEntry entry) implements ParsedLine {}

        record Malformed(String reason) implements ParsedLine {}
    }

    /**
     * What reading a file found. {@code lines} counts every line; blank lines are neither entries nor malformed.
     *
     * @param firstMalformedLine 1-based number of the first malformed line, 0 when there was none
     * @param firstMalformedReason why that line is malformed, null when there was none
     */
    public record ReadSummary(long lines, long entries, long blankLines, long malformedLines,
            long firstMalformedLine, String firstMalformedReason) {}

    /** The entry as one line of JSON, without the line terminator. Null fields and empty created_ids are omitted. */
    public static String write(RequestLogEntry e) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("time_millis", e.timeMillis());
            string(g, "request_id", e.requestId());
            string(g, "account_id", e.accountId());
            if (e.livemode() != null) {
                g.writeBooleanField("livemode", e.livemode());
            }
            string(g, "method", e.method());
            string(g, "path", e.path());
            string(g, "route", e.route());
            g.writeNumberField("status", e.status());
            g.writeNumberField("latency_micros", e.latencyMicros());
            string(g, "client_ip", e.clientIp());
            string(g, "user_agent", e.userAgent());
            string(g, "idempotency_key", e.idempotencyKey());
            string(g, "api_version", e.apiVersion());
            string(g, "error_type", e.errorType());
            string(g, "error_code", e.errorCode());
            if (!e.createdIds().isEmpty()) {
                g.writeArrayFieldStart("created_ids");
                for (String id : e.createdIds()) {
                    g.writeString(id);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", impossible);
        }
        return out.toString();
    }

    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /**
     * One line back into an entry. Unknown fields are ignored (so fields can be added); a missing required
     * field, a wrong type, a duplicate field, an invalid value or anything after the object is malformed.
     */
    public static ParsedLine parse(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return malformed("not a JSON object");
            }
            Long timeMillis = null;
            Integer status = null;
            Long latencyMicros = null;
            Boolean livemode = null;
            String requestId = null, accountId = null, method = null, path = null, route = null, clientIp = null,
                    userAgent = null, idempotencyKey = null, apiVersion = null, errorType = null, errorCode = null;
            List<String> createdIds = List.of();
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "time_millis" -> timeMillis = integer(p, value, name);
                    case "request_id" -> requestId = string(p, value, name);
                    case "account_id" -> accountId = string(p, value, name);
                    case "livemode" -> livemode = bool(value, name);
                    case "method" -> method = string(p, value, name);
                    case "path" -> path = string(p, value, name);
                    case "route" -> route = string(p, value, name);
                    case "status" -> {
                        Long s = integer(p, value, name);
                        if (s != null && (s < RequestLogEntry.STATUS_MIN || s > RequestLogEntry.STATUS_MAX)) {
                            throw new Bad("status must be within 100..599, was " + s);
                        }
                        status = s == null ? null : s.intValue();
                    }
                    case "latency_micros" -> latencyMicros = integer(p, value, name);
                    case "client_ip" -> clientIp = string(p, value, name);
                    case "user_agent" -> userAgent = string(p, value, name);
                    case "idempotency_key" -> idempotencyKey = string(p, value, name);
                    case "api_version" -> apiVersion = string(p, value, name);
                    case "error_type" -> errorType = string(p, value, name);
                    case "error_code" -> errorCode = string(p, value, name);
                    case "created_ids" -> createdIds = strings(p, value, name);
                    default -> p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                return malformed("not a JSON object");
            }
            if (p.nextToken() != null) {
                return malformed("content after the JSON object");
            }
            require(timeMillis, "time_millis");
            require(method, "method");
            require(path, "path");
            require(status, "status");
            require(latencyMicros, "latency_micros");
            if (timeMillis < 0) {
                return malformed("time_millis must not be negative, was " + timeMillis);
            }
            if (!isMethod(method)) {
                return malformed("method must be 1 to 16 upper-case letters");
            }
            if (!path.startsWith("/")) {
                return malformed("path must start with '/'");
            }
            if (latencyMicros < 0) {
                return malformed("latency_micros must not be negative, was " + latencyMicros);
            }
            return new ParsedLine.Entry(new RequestLogEntry(timeMillis, requestId, accountId, livemode, method, path,
                    route, status, latencyMicros, clientIp, userAgent, idempotencyKey, apiVersion, errorType,
                    errorCode, createdIds));
        } catch (Bad e) {
            return malformed(e.getMessage());
        } catch (JsonProcessingException e) { // not JSON, a duplicate field, a number out of range, ...
            return malformed("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return malformed("invalid JSON: " + e.getMessage());
        }
    }

    /**
     * Reads every line of {@code in} and hands each entry to {@code entries}, in order. Malformed lines are
     * counted and skipped. Holds one line at a time; does not close {@code in}.
     */
    public static ReadSummary read(Reader in, Consumer<RequestLogEntry> entries) throws IOException {
        LineReader lines = new LineReader(in, LINE_CHARS_MAX);
        long lineCount = 0, entryCount = 0, blank = 0, malformed = 0, firstMalformedLine = 0;
        String firstMalformedReason = null;
        String line;
        while ((line = lines.next()) != null) {
            lineCount++;
            ParsedLine parsed;
            if (lines.overlong()) {
                parsed = new ParsedLine.Malformed("line longer than " + LINE_CHARS_MAX + " characters");
            } else if (line.isBlank()) {
                blank++;
                continue;
            } else {
                parsed = parse(line);
            }
            switch (parsed) {
                case ParsedLine.Entry(RequestLogEntry entry) -> {
                    entryCount++;
                    entries.accept(entry);
                }
                case ParsedLine.Malformed(String reason) -> {
                    if (malformed++ == 0) {
                        firstMalformedLine = lineCount;
                        firstMalformedReason = reason;
                    }
                }
            }
        }
        return new ReadSummary(lineCount, entryCount, blank, malformed, firstMalformedLine, firstMalformedReason);
    }

    /** A reader over an access-log file, UTF-8, decompressed when the name ends with {@code .gz}. */
    public static Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER_CHARS);
        try {
            if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
                in = new GZIPInputStream(in, READ_BUFFER_CHARS);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static boolean isMethod(String method) {
        if (method.isEmpty() || method.length() > 16) {
            return false;
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static ParsedLine.Malformed malformed(String reason) {
        return new ParsedLine.Malformed(reason.length() > REASON_CHARS_MAX
                ? reason.substring(0, REASON_CHARS_MAX) + "..." : reason);
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new Bad("missing field '" + name + "'");
        }
    }

    private static Long integer(JsonParser p, JsonToken value, String name) throws IOException {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> p.getLongValue();
            default -> throw new Bad("'" + name + "' must be an integer");
        };
    }

    private static String string(JsonParser p, JsonToken value, String name) throws IOException {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            default -> throw new Bad("'" + name + "' must be a string");
        };
    }

    private static Boolean bool(JsonToken value, String name) {
        return switch (value) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw new Bad("'" + name + "' must be true or false");
        };
    }

    private static List<String> strings(JsonParser p, JsonToken value, String name) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (value != JsonToken.START_ARRAY) {
            throw new Bad("'" + name + "' must be an array of strings");
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new Bad("'" + name + "' must be an array of strings");
            }
            values.add(p.getText());
        }
        return values;
    }

    /** Why a line is malformed; never leaves this class. */
    private static final class Bad extends RuntimeException {
        Bad(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Lines of a reader, terminated by {@code \n} (a {@code \r} before it is dropped). A line longer than
     * the limit is read to its end but not kept: {@link #overlong()} says so and {@link #next()} returns
     * its first {@code lineCharsMax} characters.
     */
    static final class LineReader {
        private final Reader in;
        private final int lineCharsMax;
        private final char[] buffer = new char[READ_BUFFER_CHARS];
        private final StringBuilder line = new StringBuilder();
        private int position;
        private int limit;
        private boolean overlong;

        LineReader(Reader in, int lineCharsMax) {
            this.in = in;
            this.lineCharsMax = lineCharsMax;
        }

        /** The next line without its terminator, or null at the end of the input. */
        String next() throws IOException {
            line.setLength(0);
            overlong = false;
            boolean started = false;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer, 0, buffer.length);
                    if (read <= 0) {
                        position = limit = 0;
                        return started ? finish() : null;
                    }
                    position = 0;
                    limit = read;
                }
                started = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                append(start, position);
                if (position < limit) { // at '\n'
                    position++;
                    return finish();
                }
            }
        }

        boolean overlong() {
            return overlong;
        }

        private void append(int from, int to) {
            int room = lineCharsMax + 1 - line.length(); // one more than the limit, to see a trailing '\r'
            int count = Math.min(to - from, Math.max(room, 0));
            line.append(buffer, from, count);
            if (count < to - from) {
                overlong = true;
            }
        }

        private String finish() {
            int length = line.length();
            if (length > 0 && line.charAt(length - 1) == '\r' && !overlong) {
                line.setLength(--length);
            }
            if (length > lineCharsMax) {
                overlong = true;
                line.setLength(lineCharsMax);
            }
            return line.toString();
        }
    }
}
