package dev.pinstripe.webhooks;

import java.time.Duration;
import java.util.Random;

/**
 * How webhooks are delivered.
 *
 * @param schedule            when failed deliveries are retried, and when failing endpoints are disabled
 * @param timeout             the most one attempt may take, connection, request and response body included
 * @param concurrencyMax      deliveries in flight at once in this process
 * @param perEndpointMax      deliveries in flight at once to one endpoint in this process
 * @param allowPrivateTargets whether endpoints may resolve to loopback, private, link-local, ... addresses
 *                            ({@link WebhookUrls#isPublic}); true for local development
 * @param responseBodyMax     bytes of a response body read and kept; the rest is never read
 * @param pollInterval        how often the database is checked for due retries without a notification
 */
public record WebhookSettings(
        RetrySchedule schedule,
        Duration timeout,
        int concurrencyMax,
        int perEndpointMax,
        boolean allowPrivateTargets,
        int responseBodyMax,
        Duration pollInterval) {

    public static final Duration TIMEOUT_DEFAULT = Duration.ofSeconds(20);
    public static final Duration TIMEOUT_MAX = Duration.ofMinutes(5);
    public static final int CONCURRENCY_MAX_DEFAULT = 256;
    public static final int CONCURRENCY_MAX_LIMIT = 10_000;
    public static final int PER_ENDPOINT_MAX_DEFAULT = 32;
    public static final int RESPONSE_BODY_MAX_DEFAULT = 4096;
    public static final int RESPONSE_BODY_MAX_LIMIT = 64 * 1024;
    public static final Duration POLL_INTERVAL_DEFAULT = Duration.ofMillis(500);
    /**
     * A claim's lease is the timeout plus this margin, for name resolution and for writing the
     * result; a delivery whose claimant is gone longer than its lease is claimed again.
     */
    public static final Duration LEASE_MARGIN = Duration.ofSeconds(10);

    public WebhookSettings {
        if (schedule == null) {
            throw new IllegalArgumentException("a webhook retry schedule is required");
        }
        if (timeout.toMillis() < 1 || timeout.compareTo(TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("webhook timeout must be 1 ms to " + TIMEOUT_MAX + ", not " + timeout);
        }
        if (concurrencyMax < 1 || concurrencyMax > CONCURRENCY_MAX_LIMIT) {
            throw new IllegalArgumentException("webhook concurrency must be 1-" + CONCURRENCY_MAX_LIMIT + ", not "
                    + concurrencyMax);
        }
        if (perEndpointMax < 1 || perEndpointMax > concurrencyMax) {
            throw new IllegalArgumentException("webhook per-endpoint concurrency must be 1-" + concurrencyMax
                    + ", not " + perEndpointMax);
        }
        if (responseBodyMax < 0 || responseBodyMax > RESPONSE_BODY_MAX_LIMIT) {
            throw new IllegalArgumentException("webhook response body cap must be 0-" + RESPONSE_BODY_MAX_LIMIT
                    + " bytes, not " + responseBodyMax);
        }
        if (pollInterval.toMillis() < 1 || pollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("webhook poll interval must be 1 ms to 1 min, not " + pollInterval);
        }
    }

    /** The defaults, with the standard schedule and private targets allowed. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(RetrySchedule.standard(new Random()), TIMEOUT_DEFAULT, CONCURRENCY_MAX_DEFAULT,
                PER_ENDPOINT_MAX_DEFAULT, true, RESPONSE_BODY_MAX_DEFAULT, POLL_INTERVAL_DEFAULT);
    }

    /** How long a claim holds a delivery. */
    public Duration lease() {
        return timeout.plus(LEASE_MARGIN);
    }
}
