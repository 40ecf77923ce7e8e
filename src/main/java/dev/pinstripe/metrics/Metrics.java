package dev.pinstripe.metrics;

import dev.pinstripe.ratelimit.Admission;
import dev.pinstripe.ratelimit.Limiters;
import dev.pinstripe.requestlog.RequestLogEntry;
import dev.pinstripe.requestlog.RequestLogWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Pinstripe's Prometheus metrics (docs/operations.md, Metrics): requests per route and status with
 * latency buckets, events recorded per type (payment outcomes among them), the request log's
 * counters, the webhook queue, the database pool and the JVM. One registry per server, scraped at
 * {@code /metrics}.
 */
public final class Metrics implements AutoCloseable {
    /** Latency buckets of the request histogram: fixed, so the series count stays small. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10)};
    /** How often the webhook queue is measured (one indexed query), not at every scrape. */
    static final Duration QUEUE_REFRESH = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /**
     * Meters by key. Bounded: routes and methods are the server's own, statuses are HTTP's, and
     * event types are Pinstripe's (never taken from input).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Timer> requestTimers =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Counter> eventCounters =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final AtomicLong queueDue = new AtomicLong();
    private final AtomicLong queuePending = new AtomicLong();
    private final AtomicLong queueLagMs = new AtomicLong();
    private volatile long queueMeasuredAt;

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Records one answered API request. */
    public void request(RequestLogEntry e) {
        String route = e.route() != null ? e.route() : "unmatched";
        // Looked up by a plain string key: building the meter's ID on every request costs more.
        requestTimers.computeIfAbsent(e.method() + ' ' + route + ' ' + e.status(), k -> Timer
                        .builder("pinstripe.http.requests")
                        .description("API requests by route and status, with latency")
                        .tag("method", e.method())
                        .tag("route", route)
                        .tag("status", Integer.toString(e.status()))
                        .serviceLevelObjectives(LATENCY_BUCKETS)
                        .register(registry))
                .record(e.latencyMicros(), java.util.concurrent.TimeUnit.MICROSECONDS);
    }

    /** Counts an event recorded (after the statement; a transaction that then rolls back is still counted). */
    public void event(String type) {
        eventCounters.computeIfAbsent(type, t -> Counter.builder("pinstripe.events.recorded")
                        .description("Events recorded, by type (payment outcomes: charge.succeeded, charge.failed,"
                                + " payment_intent.requires_action, ...)")
                        .tag("type", t).register(registry))
                .increment();
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Counter> radarCounters =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** One Radar decision: proceed, review, request_credentials or block. */
    public void radarDecision(String decision) {
        radarCounters.computeIfAbsent(decision, d -> Counter.builder("pinstripe.radar.decisions")
                        .description("Radar's decisions on payment attempts, by decision")
                        .tag("decision", d).register(registry))
                .increment();
    }

    /** The external fraud service's outcomes (docs/radar-external.md). */
    public void radarExternal(dev.pinstripe.radar.external.ExternalScorer scorer) {
        String name = "pinstripe.radar.external.calls";
        String help = "Calls to the external fraud service, by outcome (anything but scored fell back to Radar's own score)";
        FunctionCounter.builder(name, scorer, x -> x.stats().scored()).tag("outcome", "scored").description(help)
                .register(registry);
        FunctionCounter.builder(name, scorer, x -> x.stats().timeouts()).tag("outcome", "timeout").description(help)
                .register(registry);
        FunctionCounter.builder(name, scorer, x -> x.stats().errors()).tag("outcome", "error").description(help)
                .register(registry);
        FunctionCounter.builder(name, scorer, x -> x.stats().circuitOpen()).tag("outcome", "circuit_open")
                .description(help).register(registry);
    }

    /** The request log's counters. */
    public void requestLog(RequestLogWriter writer) {
        FunctionCounter.builder("pinstripe.request.log.entries", writer, w -> w.counts().accepted())
                .tag("outcome", "accepted").register(registry);
        FunctionCounter.builder("pinstripe.request.log.entries", writer, w -> w.counts().dropped())
                .tag("outcome", "dropped").register(registry);
        FunctionCounter.builder("pinstripe.request.log.entries", writer, w -> w.counts().written())
                .tag("outcome", "written").register(registry);
        FunctionCounter.builder("pinstripe.request.log.entries", writer, w -> w.counts().failed())
                .tag("outcome", "failed").register(registry);
        Gauge.builder("pinstripe.request.log.buffered", writer, w -> w.counts().buffered()).register(registry);
    }

    /**
     * The webhook queue: pending deliveries, those due now, and the delivery lag (the age of the
     * oldest due delivery), measured at most every {@link #QUEUE_REFRESH}.
     */
    public void webhookQueue(Jdbi jdbi, java.time.Clock clock) {
        Gauge.builder("pinstripe.webhooks.pending", this, m -> m.refreshQueue(jdbi, clock).queuePending.get())
                .description("Webhook deliveries waiting (due now or retrying later)").register(registry);
        Gauge.builder("pinstripe.webhooks.due", this, m -> m.refreshQueue(jdbi, clock).queueDue.get())
                .description("Webhook deliveries due now").register(registry);
        Gauge.builder("pinstripe.webhooks.lag.seconds", this,
                        m -> m.refreshQueue(jdbi, clock).queueLagMs.get() / 1000.0)
                .description("Age of the oldest due webhook delivery").register(registry);
    }

    private synchronized Metrics refreshQueue(Jdbi jdbi, java.time.Clock clock) {
        long now = clock.millis();
        if (now - queueMeasuredAt < QUEUE_REFRESH.toMillis()) {
            return this;
        }
        queueMeasuredAt = now;
        try {
            jdbi.useHandle(h -> h.createQuery("""
                            SELECT count(*) AS pending,
                                   count(*) FILTER (WHERE next_attempt_at <= :now) AS due,
                                   coalesce(:now - min(next_attempt_at) FILTER (WHERE next_attempt_at <= :now), 0) AS lag
                            FROM webhook_deliveries WHERE state = 'pending'""")
                    .bind("now", now)
                    .map((rs, ctx) -> {
                        queuePending.set(rs.getLong("pending"));
                        queueDue.set(rs.getLong("due"));
                        queueLagMs.set(rs.getLong("lag"));
                        return 0;
                    })
                    .one());
        } catch (RuntimeException e) {
            // A scrape must not fail because the database is briefly away; the last values stand.
        }
        return this;
    }

    /** The limiters' decisions, in-flight requests, worker use and Redis state. */
    public void limiters(Limiters limiters) {
        FunctionCounter.builder("pinstripe.limiter.decisions", limiters, l -> l.stats().admitted())
                .tag("outcome", "admitted").tag("limiter", "all").register(registry);
        for (Admission.Kind kind : Admission.Kind.values()) {
            FunctionCounter.builder("pinstripe.limiter.decisions", limiters, l -> l.stats().rejected(kind))
                    .tag("outcome", "rejected").tag("limiter", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("pinstripe.limiter.in.flight", limiters, l -> l.stats().inFlight()).register(registry);
        Gauge.builder("pinstripe.limiter.workers.busy", limiters, l -> l.stats().workersBusy()).register(registry);
        Gauge.builder("pinstripe.limiter.redis.available", limiters,
                l -> l.stats().distributed() && l.stats().redisAvailable() ? 1 : 0)
                .description("1 while rate buckets are shared through Redis; 0 when local (not configured or down)")
                .register(registry);
        FunctionCounter.builder("pinstripe.limiter.redis.fallbacks", limiters, l -> l.stats().localFallbacks())
                .description("Decisions taken by this process's buckets because Redis did not answer")
                .register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
