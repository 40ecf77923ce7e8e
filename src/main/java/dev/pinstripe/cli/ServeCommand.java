package dev.pinstripe.cli;

import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.app.Settings;
import dev.pinstripe.ratelimit.LimitSettings;
import dev.pinstripe.webhooks.RetrySchedule;
import dev.pinstripe.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the API server (on the embedded PostgreSQL unless a database URL is given).")
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    StorageOptions storage;

    @Option(names = "--port", defaultValue = "${env:PINSTRIPE_PORT:-12111}",
            description = "Port to listen on (env PINSTRIPE_PORT, default 12111 as stripe-mock).")
    int port;

    @Option(names = "--host", defaultValue = "${env:PINSTRIPE_HOST:-127.0.0.1}",
            description = "Address to listen on (env PINSTRIPE_HOST, default 127.0.0.1; 0.0.0.0 for all).")
    String host;

    @Option(names = "--bootstrap-secret-key", defaultValue = "${env:PINSTRIPE_BOOTSTRAP_SECRET_KEY}",
            description = "Create the first account with exactly this sk_test_... key if it does not exist"
                    + " (env PINSTRIPE_BOOTSTRAP_SECRET_KEY).")
    String bootstrapSecretKey;

    @Option(names = "--auth", defaultValue = "${env:PINSTRIPE_AUTH:-keys}",
            description = "'keys' (default): only known keys. 'open': every unseen sk_test_ key gets its own new"
                    + " account, as stripe-mock accepts any key (env PINSTRIPE_AUTH). For local work and CI only.")
    String auth;

    @Option(names = "--max-body-bytes", defaultValue = "${env:PINSTRIPE_MAX_BODY_BYTES:-1048576}",
            description = "Largest request body accepted (env PINSTRIPE_MAX_BODY_BYTES, default 1 MiB).")
    long bodyBytesMax;

    @Option(names = "--idempotency-retention-hours", defaultValue = "${env:PINSTRIPE_IDEMPOTENCY_RETENTION_HOURS:-24}",
            description = "How long idempotency keys are kept, at least 24 (env PINSTRIPE_IDEMPOTENCY_RETENTION_HOURS).")
    long idempotencyRetentionHours;

    @Option(names = "--webhook-retry", defaultValue = "${env:PINSTRIPE_WEBHOOK_RETRY:-standard}",
            description = "'standard' (default): retries with backoff for about three days. 'fast': the same"
                    + " attempts within about two minutes, for local work and tests (env PINSTRIPE_WEBHOOK_RETRY).")
    String webhookRetry;

    @Option(names = "--webhook-timeout-seconds", defaultValue = "${env:PINSTRIPE_WEBHOOK_TIMEOUT_SECONDS:-20}",
            description = "How long a webhook attempt may take before it counts as failed"
                    + " (env PINSTRIPE_WEBHOOK_TIMEOUT_SECONDS, default 20).")
    long webhookTimeoutSeconds;

    @Option(names = "--webhook-concurrency", defaultValue = "${env:PINSTRIPE_WEBHOOK_CONCURRENCY:-256}",
            description = "Webhook deliveries in flight at once in this process (env PINSTRIPE_WEBHOOK_CONCURRENCY).")
    int webhookConcurrency;

    @Option(names = "--webhook-concurrency-per-endpoint",
            defaultValue = "${env:PINSTRIPE_WEBHOOK_CONCURRENCY_PER_ENDPOINT:-32}",
            description = "Webhook deliveries in flight at once to one endpoint in this process"
                    + " (env PINSTRIPE_WEBHOOK_CONCURRENCY_PER_ENDPOINT).")
    int webhookPerEndpoint;

    @Option(names = "--webhook-private-targets", defaultValue = "${env:PINSTRIPE_WEBHOOK_PRIVATE_TARGETS:-allow}",
            description = "'allow' (default, for local development): endpoints may be on loopback and private"
                    + " addresses. 'deny': refuse them, against SSRF in production (env PINSTRIPE_WEBHOOK_PRIVATE_TARGETS).")
    String webhookPrivateTargets;

    @Option(names = "--webhook-delivery", defaultValue = "${env:PINSTRIPE_WEBHOOK_DELIVERY:-on}",
            description = "'on' (default): this process delivers webhooks. 'off': it only records events, and"
                    + " other processes on the same database deliver them (env PINSTRIPE_WEBHOOK_DELIVERY).")
    String webhookDelivery;

    @Option(names = "--request-log-retention-days", defaultValue = "${env:PINSTRIPE_REQUEST_LOG_RETENTION_DAYS:-7}",
            description = "How long request log entries are kept (env PINSTRIPE_REQUEST_LOG_RETENTION_DAYS, default 7).")
    long requestLogRetentionDays;

    @Option(names = "--rate-limits", defaultValue = "${env:PINSTRIPE_RATE_LIMITS:-on}",
            description = "'on' (default): Stripe's rate limits and load shedding. 'off': none, for local work,"
                    + " CI and benchmarks (env PINSTRIPE_RATE_LIMITS; docs/rate-limits.md).")
    String rateLimits;

    @Option(names = "--redis-url", defaultValue = "${env:PINSTRIPE_REDIS_URL}",
            description = "Redis for rate-limit buckets shared by several processes (env PINSTRIPE_REDIS_URL);"
                    + " unset keeps them in this process.")
    String redisUrl;

    @Option(names = "--redis-key-prefix", defaultValue = "${env:PINSTRIPE_REDIS_KEY_PREFIX:-pinstripe:ratelimit:}",
            description = "Prefix of every Redis key (env PINSTRIPE_REDIS_KEY_PREFIX).")
    String redisKeyPrefix;

    @Option(names = "--redis-timeout-ms", defaultValue = "${env:PINSTRIPE_REDIS_TIMEOUT_MS:-100}",
            description = "Most one Redis call may take before this process decides alone (env PINSTRIPE_REDIS_TIMEOUT_MS).")
    long redisTimeoutMs;

    @Option(names = "--rate-limit-test", defaultValue = "${env:PINSTRIPE_RATE_LIMIT_TEST_READS:-25},"
            + "${env:PINSTRIPE_RATE_LIMIT_TEST_WRITES:-25}", split = ",",
            description = "Test-mode reads,writes per second per account (env PINSTRIPE_RATE_LIMIT_TEST_READS,"
                    + " PINSTRIPE_RATE_LIMIT_TEST_WRITES).")
    int[] testRates;

    @Option(names = "--rate-limit-live", defaultValue = "${env:PINSTRIPE_RATE_LIMIT_LIVE_READS:-100},"
            + "${env:PINSTRIPE_RATE_LIMIT_LIVE_WRITES:-100}", split = ",",
            description = "Live-mode reads,writes per second per account (env PINSTRIPE_RATE_LIMIT_LIVE_READS,"
                    + " PINSTRIPE_RATE_LIMIT_LIVE_WRITES).")
    int[] liveRates;

    @Option(names = "--rate-limit-endpoint", defaultValue = "${env:PINSTRIPE_RATE_LIMIT_ENDPOINT:-25}",
            description = "Requests per second per endpoint; 0 for none (env PINSTRIPE_RATE_LIMIT_ENDPOINT).")
    int endpointRate;

    @Option(names = "--rate-limit-search", defaultValue = "${env:PINSTRIPE_RATE_LIMIT_SEARCH:-20}",
            description = "Search reads per second; 0 for none (env PINSTRIPE_RATE_LIMIT_SEARCH).")
    int searchRate;

    @Option(names = "--rate-limit-payment-intent-updates",
            defaultValue = "${env:PINSTRIPE_RATE_LIMIT_PAYMENT_INTENT_UPDATES:-1000}",
            description = "Updates per PaymentIntent per hour; 0 for none (env PINSTRIPE_RATE_LIMIT_PAYMENT_INTENT_UPDATES).")
    int paymentIntentUpdates;

    @Option(names = "--concurrency-limit", defaultValue = "${env:PINSTRIPE_CONCURRENCY_LIMIT:-20}",
            description = "Requests in flight per account, per process (env PINSTRIPE_CONCURRENCY_LIMIT).")
    int concurrencyLimit;

    @Option(names = "--fleet-capacity", defaultValue = "${env:PINSTRIPE_FLEET_CAPACITY:-200}",
            description = "Requests in flight per process before non-critical ones are shed (env PINSTRIPE_FLEET_CAPACITY).")
    int fleetCapacity;

    @Option(names = "--fleet-reserve-percent", defaultValue = "${env:PINSTRIPE_FLEET_RESERVE_PERCENT:-20}",
            description = "Share of the fleet capacity kept for critical writes (env PINSTRIPE_FLEET_RESERVE_PERCENT).")
    int fleetReservePercent;

    @Option(names = "--workers", defaultValue = "${env:PINSTRIPE_WORKERS:-200}",
            description = "Worker permits per process, shared out by priority (env PINSTRIPE_WORKERS).")
    int workers;

    @Option(names = "--request-log", defaultValue = "${env:PINSTRIPE_REQUEST_LOG:-on}",
            description = "'on' (default): record every API request and its metrics. 'off': neither, only to"
                    + " measure what they cost (env PINSTRIPE_REQUEST_LOG).")
    String requestLog;

    @Option(names = "--geoip-database", defaultValue = "${env:PINSTRIPE_GEOIP_DATABASE}",
            description = "A MaxMind DB (.mmdb) country or city database, such as GeoLite2-Country or DB-IP's"
                    + " IP-to-Country Lite, for Radar's ip_country (env PINSTRIPE_GEOIP_DATABASE); unset: unknown.")
    String geoipDatabase;

    private LimitSettings limitSettings() {
        if (testRates.length != 2 || liveRates.length != 2) {
            throw new IllegalArgumentException("--rate-limit-test and --rate-limit-live take reads,writes");
        }
        LimitSettings d = LimitSettings.defaults();
        return new LimitSettings(onOff(rateLimits, "--rate-limits / PINSTRIPE_RATE_LIMITS"),
                redisUrl == null || redisUrl.isBlank() ? null : redisUrl, redisKeyPrefix,
                Duration.ofMillis(redisTimeoutMs), d.redisProbeInterval(),
                new LimitSettings.Rates(testRates[0], testRates[1], endpointRate),
                new LimitSettings.Rates(liveRates[0], liveRates[1], endpointRate), searchRate, paymentIntentUpdates,
                concurrencyLimit, fleetCapacity, fleetReservePercent, workers);
    }

    private WebhookSettings webhookSettings() {
        boolean allowPrivate = switch (webhookPrivateTargets) {
            case "allow" -> true;
            case "deny" -> false;
            default -> throw new IllegalArgumentException("--webhook-private-targets / PINSTRIPE_WEBHOOK_PRIVATE_TARGETS"
                    + " must be 'allow' or 'deny', not '" + webhookPrivateTargets + "'");
        };
        WebhookSettings d = WebhookSettings.defaults();
        return new WebhookSettings(RetrySchedule.named(webhookRetry, new Random()),
                Duration.ofSeconds(webhookTimeoutSeconds), webhookConcurrency, webhookPerEndpoint, allowPrivate,
                d.responseBodyMax(), d.pollInterval());
    }

    private static boolean onOff(String value, String name) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be 'on' or 'off', not '" + value + "'");
        };
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!auth.equals("keys") && !auth.equals("open")) {
            throw new IllegalArgumentException("--auth / PINSTRIPE_AUTH must be 'keys' or 'open', not '" + auth + "'");
        }
        Settings settings = new Settings(host, port, storage.dataDir, storage.databaseUrl, bootstrapSecretKey,
                auth.equals("open"), storage.databasePoolSize, bodyBytesMax,
                Duration.ofHours(idempotencyRetentionHours), Settings.IDEMPOTENCY_LEASE_DEFAULT, true,
                webhookSettings(), onOff(webhookDelivery, "--webhook-delivery / PINSTRIPE_WEBHOOK_DELIVERY"),
                Duration.ofDays(requestLogRetentionDays), limitSettings(),
                onOff(requestLog, "--request-log / PINSTRIPE_REQUEST_LOG"),
                geoipDatabase == null || geoipDatabase.isBlank() ? null : Path.of(geoipDatabase.strip()));
        Pinstripe pinstripe = Pinstripe.start(settings, Clock.systemUTC(), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pinstripe.close();
            stopped.countDown();
        }, "pinstripe-shutdown"));
        System.out.println("Pinstripe is listening on http://" + host + ":" + pinstripe.port()
                + "  (Ctrl-C to stop)");
        stopped.await();
        return 0;
    }
}
