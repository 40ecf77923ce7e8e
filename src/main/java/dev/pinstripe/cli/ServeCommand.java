package dev.pinstripe.cli;

import dev.pinstripe.app.Pinstripe;
import dev.pinstripe.app.Settings;
import dev.pinstripe.webhooks.RetrySchedule;
import dev.pinstripe.webhooks.WebhookSettings;
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
                Duration.ofDays(requestLogRetentionDays));
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
