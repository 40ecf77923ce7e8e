package dev.pinstripe.cli;

import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.requestlog.AccessLogFormat;
import dev.pinstripe.requestlog.RequestLogEntry;
import dev.pinstripe.requestlog.RequestLogStore;
import dev.pinstripe.requestlog.RequestStats;
import dev.pinstripe.requestlog.RequestStatsFormatter;
import dev.pinstripe.requestlog.TimeRange;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Read the request log.",
        subcommands = {LogsCommand.Stats.class, LogsCommand.Tail.class})
public final class LogsCommand {

    static final int EXIT_UNREADABLE = 1;
    static final int EXIT_USAGE = 2;

    @Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Statistics over the request log: entries by status class, the client IPs with most 5xx"
                        + " responses, and per endpoint the count, 4xx, 5xx and p50/p95/p99/max latency.",
                "Reads an access-log file in JSON Lines (docs/request-logs.md) as a stream, in memory bounded"
                        + " by the number of distinct endpoints and IPs; malformed lines are counted and skipped.",
                "Exit codes: 0 done (even with malformed lines), 1 file unreadable, 2 bad arguments."
            })
    static final class Stats implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--file", paramLabel = "PATH|-",
                description = "Access-log file to read ('-' for standard input; '.gz' files are decompressed).")
        String file;

        @Option(names = "--from", paramLabel = "TIME", converter = TimeBound.class,
                description = "Only entries at or after TIME: an ISO-8601 instant (2026-03-01T12:00:00Z), a date"
                        + " (midnight UTC), or epoch seconds, or epoch milliseconds (12 digits or more).")
        Long fromMillis;

        @Option(names = "--to", paramLabel = "TIME", converter = TimeBound.class,
                description = "Only entries before TIME (exclusive), in the same forms as --from.")
        Long toMillis;

        @Option(names = "--top", paramLabel = "N", defaultValue = "" + RequestStats.TOP_DEFAULT,
                description = "How many client IPs with most 5xx responses to list (default: ${DEFAULT-VALUE}).")
        int top;

        @Option(names = "--json", description = "Print the statistics as JSON instead of tables.")
        boolean json;

        @Option(names = "--account", paramLabel = "ACCT",
                description = "Without --file: only this account's requests.")
        String account;

        @Mixin
        StorageOptions storage;

        /** Standard input, replaceable by tests. */
        InputStream stdin = System.in;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RequestStats.Options options = options();
            RequestStats stats = new RequestStats(options);
            if (file == null) {
                // The request_logs table, streamed: memory is bounded as for a file.
                try (Pinstripe.Storage opened = Pinstripe.openStorage(storage.settings())) {
                    opened.database().jdbi().useHandle(h -> new RequestLogStore().scan(h,
                            fromMillis == null ? 0 : fromMillis, toMillis == null ? Long.MAX_VALUE : toMillis,
                            new RequestLogStore.Filter(account, null, null, null, null), stats::accept));
                }
                RequestStats.Report report = stats.report();
                out.print(json ? RequestStatsFormatter.jsonString(report) + System.lineSeparator()
                        : RequestStatsFormatter.text(report));
                out.flush();
                return 0;
            }
            AccessLogFormat.ReadSummary summary;
            try (Reader in = file.equals("-") ? new InputStreamReader(stdin, StandardCharsets.UTF_8)
                    : AccessLogFormat.open(Path.of(file))) {
                summary = AccessLogFormat.read(in, stats::accept);
            } catch (NoSuchFileException e) {
                err.println("logs stats: no such file: " + file);
                err.flush();
                return EXIT_UNREADABLE;
            } catch (IOException e) {
                err.println("logs stats: cannot read " + file + ": " + e);
                err.flush();
                return EXIT_UNREADABLE;
            }
            stats.addMalformedLines(summary.malformedLines());
            if (summary.malformedLines() > 0) {
                err.printf("logs stats: skipped %d malformed line(s) of %d; the first, line %d: %s%n",
                        summary.malformedLines(), summary.lines(), summary.firstMalformedLine(),
                        summary.firstMalformedReason());
                err.flush();
            }
            RequestStats.Report report = stats.report();
            out.print(json ? RequestStatsFormatter.jsonString(report) + System.lineSeparator()
                    : RequestStatsFormatter.text(report));
            out.flush();
            return 0;
        }

        private RequestStats.Options options() {
            if (top < 1 || top > RequestStats.TOP_MAX) {
                throw new ParameterException(spec.commandLine(),
                        "--top must be within 1.." + RequestStats.TOP_MAX + ", was " + top);
            }
            if (fromMillis != null && toMillis != null && fromMillis >= toMillis) {
                throw new ParameterException(spec.commandLine(), "--from must be before --to");
            }
            return RequestStats.Options.DEFAULT.withTop(top).withRange(new TimeRange(fromMillis, toMillis));
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Print the newest request log entries, then follow new ones (Ctrl-C to stop).")
    static final class Tail implements Callable<Integer> {
        static final Duration POLL = Duration.ofMillis(500);
        static final int PAGE_MAX = 1000;

        @Spec
        CommandSpec spec;

        @Mixin
        StorageOptions storage;

        @Option(names = "--lines", defaultValue = "10", description = "How many recent entries to print first"
                + " (default: ${DEFAULT-VALUE}).")
        int lines;

        @Option(names = "--status", paramLabel = "CODE|Nxx",
                description = "Only these statuses: a code (404) or a class (5xx).")
        String status;

        @Option(names = "--path", paramLabel = "PREFIX", description = "Only paths starting with PREFIX.")
        String path;

        @Option(names = "--account", paramLabel = "ACCT", description = "Only this account's requests.")
        String account;

        @Option(names = "--json", description = "Print entries as JSON Lines (the access-log format).")
        boolean json;

        @Option(names = "--no-follow", description = "Print the recent entries and exit.")
        boolean noFollow;

        @Override
        public Integer call() throws InterruptedException {
            if (lines < 0 || lines > PAGE_MAX) {
                throw new ParameterException(spec.commandLine(), "--lines must be within 0.." + PAGE_MAX);
            }
            RequestLogStore.Filter filter = new RequestLogStore.Filter(account, null, statusMin(), statusMax(), path);
            PrintWriter out = spec.commandLine().getOut();
            RequestLogStore store = new RequestLogStore();
            try (Pinstripe.Storage opened = Pinstripe.openStorage(storage.settings())) {
                var jdbi = opened.database().jdbi();
                List<RequestLogStore.Row> recent = new ArrayList<>(jdbi.withHandle(h -> store.newest(h, null, filter,
                        lines)));
                java.util.Collections.reverse(recent);
                long last = jdbi.withHandle(h -> h.createQuery("SELECT coalesce(max(id), 0) FROM request_logs")
                        .mapTo(Long.class).one());
                recent.forEach(r -> print(out, r));
                out.flush();
                while (!noFollow) {
                    long after = last;
                    List<RequestLogStore.Row> rows = jdbi.withHandle(h -> store.after(h, after, filter, PAGE_MAX));
                    for (RequestLogStore.Row r : rows) {
                        print(out, r);
                        last = r.id();
                    }
                    out.flush();
                    if (rows.size() < PAGE_MAX) {
                        Thread.sleep(POLL);
                    }
                }
            }
            return 0;
        }

        private void print(PrintWriter out, RequestLogStore.Row row) {
            RequestLogEntry e = row.entry();
            if (json) {
                out.println(AccessLogFormat.write(e));
                return;
            }
            out.printf("%s  %s  %3d  %7.1f ms  %-6s %s%s%s%n", java.time.Instant.ofEpochMilli(e.timeMillis()),
                    e.requestId(), e.status(), e.latencyMicros() / 1000.0, e.method(), e.path(),
                    e.accountId() == null ? "" : "  " + e.accountId(),
                    e.errorCode() == null ? "" : "  " + e.errorCode());
        }

        private Integer statusMin() {
            return status == null ? null : statusBounds()[0];
        }

        private Integer statusMax() {
            return status == null ? null : statusBounds()[1];
        }

        private int[] statusBounds() {
            if (status.matches("[1-5]xx")) {
                int base = (status.charAt(0) - '0') * 100;
                return new int[] {base, base + 99};
            }
            if (status.matches("[1-5][0-9][0-9]")) {
                int code = Integer.parseInt(status);
                return new int[] {code, code};
            }
            throw new ParameterException(spec.commandLine(), "--status must be a code such as 404 or a class such"
                    + " as 5xx, not " + status);
        }
    }

    /** --from and --to: see {@link TimeRange#parseBound}. */
    static final class TimeBound implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return TimeRange.parseBound(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
