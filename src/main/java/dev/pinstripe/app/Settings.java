package dev.pinstripe.app;

import dev.pinstripe.ratelimit.LimitSettings;
import dev.pinstripe.webhooks.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the server can be configured with. Each field has an environment variable and a CLI
 * flag (see {@link dev.pinstripe.cli.ServeCommand} and the README's configuration table).
 *
 * @param databaseUrl       external PostgreSQL; null starts the embedded one in {@code dataDir}
 * @param bootstrapSecretKey an {@code sk_test_...} key to create the first account with, or null
 * @param openAuth          give every unseen {@code sk_test_} key its own new account (as stripe-mock)
 * @param backgroundJobs    run db-scheduler's recurring jobs (the idempotency key reaper, balance.available)
 * @param webhooks          how webhooks are delivered (docs/webhooks.md)
 * @param webhookDelivery   whether this process delivers webhooks (events are recorded either way)
 * @param requestLogRetention how long request log entries are kept (docs/request-logs.md)
 * @param limits            rate limits and load shedding (docs/rate-limits.md)
 * @param requestLog        record every API request (docs/request-logs.md); off only to measure its cost
 * @param geoipDatabase     a MaxMind DB country or city database for Radar's {@code ip_country}, or null
 *                          for none (docs/radar.md)
 */
public record Settings(
        String host,
        int port,
        Path dataDir,
        String databaseUrl,
        String bootstrapSecretKey,
        boolean openAuth,
        int databasePoolSize,
        long bodyBytesMax,
        Duration idempotencyRetention,
        Duration idempotencyLease,
        boolean backgroundJobs,
        WebhookSettings webhooks,
        boolean webhookDelivery,
        Duration requestLogRetention,
        LimitSettings limits,
        boolean requestLog,
        Path geoipDatabase) {

    public static final int PORT_DEFAULT = 12111;
    public static final long BODY_BYTES_MAX_DEFAULT = 1024 * 1024;
    public static final int DATABASE_POOL_SIZE_DEFAULT = 20;
    public static final Duration IDEMPOTENCY_RETENTION_DEFAULT = Duration.ofHours(24);
    public static final Duration IDEMPOTENCY_LEASE_DEFAULT = Duration.ofSeconds(60);
    public static final Duration REQUEST_LOG_RETENTION_DEFAULT = Duration.ofDays(7);

    public Settings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        if (databasePoolSize < 1 || databasePoolSize > 1000) {
            throw new IllegalArgumentException("database pool size must be 1-1000, not " + databasePoolSize);
        }
        if (bootstrapSecretKey != null && bootstrapSecretKey.isBlank()) {
            bootstrapSecretKey = null;
        }
        if (webhooks == null || limits == null) {
            throw new IllegalArgumentException("webhook settings are required");
        }
        if (databaseUrl != null && databaseUrl.isBlank()) {
            databaseUrl = null;
        }
    }

    /** Defaults for everything, as for {@code ./pinstripe serve} with no configuration. */
    public static Settings defaults() {
        return new Settings("127.0.0.1", PORT_DEFAULT, Path.of("data"), null, null, false, DATABASE_POOL_SIZE_DEFAULT,
                BODY_BYTES_MAX_DEFAULT, IDEMPOTENCY_RETENTION_DEFAULT, IDEMPOTENCY_LEASE_DEFAULT, true,
                WebhookSettings.defaults(), true, REQUEST_LOG_RETENTION_DEFAULT, LimitSettings.defaults(),
                true, null);
    }
}
