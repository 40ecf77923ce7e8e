package dev.pinstripe.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Scope;
import dev.pinstripe.events.EventLog;
import dev.pinstripe.ids.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Measures webhook delivery in one process, with a loopback receiver in the same JVM (so the
 * figures include the receiver's cost): {@code backlog} fills the queue with N events and times the
 * drain, reporting heap before and after; {@code latency} records events at a steady rate, each in
 * its own transaction, and reports the time from commit to the receiver's first byte.
 */
public final class WebhookBenchmark {
    private static final Pattern OBJECT_ID = Pattern.compile("\"data\":\\{\"object\":\\{\"id\":\"([A-Za-z0-9_]+)\"");
    private static final int FILL_BATCH = 50_000;
    private static final Duration WARMUP = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final String jdbcUrl;
    private final PrintStream out;
    private final Clock clock = Clock.systemUTC();

    public WebhookBenchmark(Jdbi jdbi, String jdbcUrl, PrintStream out) {
        this.jdbi = jdbi;
        this.jdbcUrl = jdbcUrl;
        this.out = out;
    }

    /** A receiver that answers 200 at once and counts, optionally noting when each object arrived. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final AtomicLong received = new AtomicLong();
        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        final boolean noteArrivals;

        Receiver(boolean noteArrivals) {
            this.noteArrivals = noteArrivals;
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                long at = System.nanoTime();
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    if (noteArrivals) {
                        Matcher m = OBJECT_ID.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        if (m.find()) {
                            arrivals.putIfAbsent(m.group(1), at);
                        }
                    } else {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
                received.incrementAndGet();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    public void backlog(long events, WebhookSettings settings) throws InterruptedException {
        try (Receiver receiver = new Receiver(false)) {
            Scope scope = new Scope(Ids.object("acct_"), false);
            String endpoint = endpoint(scope, receiver.url());
            out.printf("filling the queue with %,d events for endpoint %s ...%n", events, endpoint);
            long filled = 0;
            while (filled < events) {
                long n = Math.min(FILL_BATCH, events - filled);
                fill(scope, endpoint, n, clock.millis());
                filled += n;
            }
            jdbi.useHandle(h -> h.execute("ANALYZE events; ANALYZE webhook_deliveries"));
            long heapBefore = heapAfterGc();
            out.printf("queued %,d deliveries; heap used after GC: %,d KiB%n", events, heapBefore / 1024);

            DeliveryStore store = new DeliveryStore(jdbi, clock, settings.schedule(), (h, id, reason) -> { });
            try (WebhookDispatcher dispatcher = new WebhookDispatcher(store, settings, clock, jdbcUrl)) {
                long start = System.nanoTime();
                dispatcher.start();
                long last = 0;
                long lastAt = start;
                long peakHeap = 0;
                while (receiver.received.get() < events) {
                    Thread.sleep(Duration.ofSeconds(5));
                    long now = System.nanoTime();
                    long got = receiver.received.get();
                    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    peakHeap = Math.max(peakHeap, heap);
                    out.printf("  %6.1f s  delivered %,12d  %,8.0f/s (last 5 s)  heap used %,9d KiB%n",
                            (now - start) / 1e9, got, (got - last) / ((now - lastAt) / 1e9), heap / 1024);
                    last = got;
                    lastAt = now;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long heapAfter = heapAfterGc();
                out.printf("drained %,d deliveries in %.1f s: %,.0f deliveries/s%n", events, seconds,
                        events / seconds);
                out.printf("heap used after GC: before %,d KiB, after %,d KiB; peak sampled %,d KiB%n",
                        heapBefore / 1024, heapAfter / 1024, peakHeap / 1024);
            }
            long done = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM webhook_deliveries"
                    + " WHERE endpoint_id = :e AND state = 'succeeded'").bind("e", endpoint).mapTo(Long.class).one());
            out.printf("deliveries marked succeeded: %,d%n", done);
        }
    }

    public void latency(int perSecond, Duration duration, WebhookSettings settings) throws InterruptedException {
        try (Receiver receiver = new Receiver(true)) {
            Scope scope = new Scope(Ids.object("acct_"), false);
            endpoint(scope, receiver.url());
            EventLog events = new EventLog(clock);
            DeliveryStore store = new DeliveryStore(jdbi, clock, settings.schedule(), (h, id, reason) -> { });
            // The first seconds warm up the JIT and the connections; they are sent but not measured.
            int warmupEvents = (int) (perSecond * WARMUP.toSeconds());
            int measured = (int) (perSecond * duration.toSeconds());
            int total = warmupEvents + measured;
            Map<String, Long> commits = new ConcurrentHashMap<>();
            try (WebhookDispatcher dispatcher = new WebhookDispatcher(store, settings, clock, jdbcUrl);
                    var writers = Executors.newVirtualThreadPerTaskExecutor()) {
                dispatcher.start();
                Thread.sleep(Duration.ofSeconds(1));
                long start = System.nanoTime();
                long intervalNanos = 1_000_000_000L / perSecond;
                for (int i = 0; i < total; i++) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(Duration.ofNanos(wait));
                    }
                    String id = "cus_bench" + i;
                    writers.submit(() -> {
                        ObjectNode object = Json.object(id, "customer");
                        jdbi.useTransaction(h -> events.record(h, scope, "customer.created", object));
                        commits.put(id, System.nanoTime());
                    });
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (receiver.arrivals.size() < total && System.nanoTime() < deadline) {
                    Thread.sleep(Duration.ofMillis(100));
                }
            }
            long[] latencies = commits.entrySet().stream()
                    .filter(e -> receiver.arrivals.containsKey(e.getKey()))
                    .filter(e -> Integer.parseInt(e.getKey().substring("cus_bench".length())) >= warmupEvents)
                    .mapToLong(e -> Math.max(0, receiver.arrivals.get(e.getKey()) - e.getValue()))
                    .sorted().toArray();
            out.printf("%,d events at %d/s after %d s of warm-up: %,d delivered; commit to receiver, ms: p50 %.1f"
                            + "  p90 %.1f  p99 %.1f  max %.1f%n", measured, perSecond, WARMUP.toSeconds(), latencies.length, pct(latencies, 50),
                    pct(latencies, 90), pct(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private String endpoint(Scope scope, String url) {
        String id = Ids.object("we_");
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO webhook_endpoints (id, account_id, livemode, created, url, enabled_events,
                            metadata, status, secret)
                        VALUES (:id, :account, :livemode, :created, :url, ARRAY['*'], '{}'::jsonb, 'enabled', :secret)""")
                .bind("id", id).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("created", clock.instant().getEpochSecond()).bind("url", url)
                .bind("secret", "whsec_" + Ids.random("", 32))
                .execute());
        return id;
    }

    /** N events (a small customer each) and their deliveries, in one statement. */
    private void fill(Scope scope, String endpoint, long n, long nowMillis) {
        jdbi.useTransaction(h -> h.createUpdate("""
                        WITH e AS (
                            INSERT INTO events (id, account_id, livemode, created, type, object_id, api_version,
                                                endpoints, data)
                            SELECT 'evt_bench' || md5(random()::text || g), :account, :livemode, :created,
                                   'customer.created', 'cus_bench' || g, '2026-10-28.endive', 1,
                                   '{"object":{"id":"cus_bench' || g || '","object":"customer","email":"bench@example.com","metadata":{}}}'
                            FROM generate_series(1, :n) g
                            RETURNING seq
                        )
                        INSERT INTO webhook_deliveries (event_seq, endpoint_id, state, next_attempt_at, created_at)
                        SELECT seq, :endpoint, 'pending', :now, :now FROM e""")
                .bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .bind("created", nowMillis / 1000).bind("n", n).bind("endpoint", endpoint).bind("now", nowMillis)
                .execute());
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
