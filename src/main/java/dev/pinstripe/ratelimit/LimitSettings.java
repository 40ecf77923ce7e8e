package dev.pinstripe.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * How requests are limited (docs/rate-limits.md has the defaults' sources and the environment
 * variables the server reads them from).
 *
 * @param enabled                     false makes every limiter a no-op ({@code PINSTRIPE_RATE_LIMITS=off})
 * @param redisUrl                    {@code redis://host:6379} (or {@code rediss://}, with credentials)
 *                                    to share the rate buckets between processes; null keeps them in
 *                                    this process
 * @param redisKeyPrefix              prefix of every key written to Redis
 * @param redisTimeout                the most one Redis call may take before the request is decided
 *                                    by this process's buckets instead
 * @param redisProbeInterval          how often an unreachable Redis is tried again
 * @param test                        per-second rates in test mode
 * @param live                        per-second rates in live mode
 * @param searchReadsPerSecond        Stripe's Search API limit, per account and mode, all search
 *                                    endpoints together
 * @param paymentIntentUpdatesPerHour updates of one PaymentIntent ({@code POST /v1/payment_intents/{intent}})
 * @param concurrencyMax              requests in flight at once per account, in this process
 * @param fleetCapacity               requests in flight at once in this process before the fleet
 *                                    shedder refuses non-critical ones
 * @param fleetReservePercent         share of {@code fleetCapacity} kept for critical live writes
 * @param workersMax                  worker permits in this process; each priority may use a share
 *                                    of them ({@link Priority})
 */
public record LimitSettings(
        boolean enabled,
        String redisUrl,
        String redisKeyPrefix,
        Duration redisTimeout,
        Duration redisProbeInterval,
        Rates test,
        Rates live,
        int searchReadsPerSecond,
        int paymentIntentUpdatesPerHour,
        int concurrencyMax,
        int fleetCapacity,
        int fleetReservePercent,
        int workersMax) {

    /**
     * Per-second token buckets of one mode, per account.
     *
     * @param readsPerSecond    GET requests, all endpoints together
     * @param writesPerSecond   POST and DELETE requests, all endpoints together
     * @param endpointPerSecond requests to one endpoint ({@code METHOD /template}); 0 for none
     */
    public record Rates(int readsPerSecond, int writesPerSecond, int endpointPerSecond) {
        public Rates {
            requireRange("reads per second", readsPerSecond, 1, RATE_LIMIT);
            requireRange("writes per second", writesPerSecond, 1, RATE_LIMIT);
            requireRange("endpoint requests per second", endpointPerSecond, 0, RATE_LIMIT);
        }
    }

    /** Stripe: test mode 25 reads and 25 writes per second, live mode 100 and 100; 25 per endpoint. */
    public static final Rates TEST_DEFAULT = new Rates(25, 25, 25);
    public static final Rates LIVE_DEFAULT = new Rates(100, 100, 25);
    public static final int SEARCH_READS_PER_SECOND_DEFAULT = 20;
    public static final int PAYMENT_INTENT_UPDATES_PER_HOUR_DEFAULT = 1000;
    /** Stripe's engineering blog: "we limit each user to 20 concurrent requests". */
    public static final int CONCURRENCY_MAX_DEFAULT = 20;
    public static final int FLEET_CAPACITY_DEFAULT = 200;
    public static final int FLEET_RESERVE_PERCENT_DEFAULT = 20;
    public static final int WORKERS_MAX_DEFAULT = 200;
    public static final String REDIS_KEY_PREFIX_DEFAULT = "pinstripe:ratelimit:";
    public static final Duration REDIS_TIMEOUT_DEFAULT = Duration.ofMillis(100);
    public static final Duration REDIS_PROBE_INTERVAL_DEFAULT = Duration.ofSeconds(5);

    public static final int RATE_LIMIT = 1_000_000;
    public static final int IN_FLIGHT_LIMIT = 1_000_000;
    public static final Duration REDIS_TIMEOUT_MAX = Duration.ofSeconds(5);

    public LimitSettings {
        Objects.requireNonNull(test, "test rates");
        Objects.requireNonNull(live, "live rates");
        Objects.requireNonNull(redisTimeout, "redisTimeout");
        Objects.requireNonNull(redisProbeInterval, "redisProbeInterval");
        if (redisUrl != null && redisUrl.isBlank()) {
            redisUrl = null;
        }
        if (redisKeyPrefix == null || redisKeyPrefix.isBlank()) {
            throw new IllegalArgumentException("a Redis key prefix is required");
        }
        if (redisTimeout.toMillis() < 1 || redisTimeout.compareTo(REDIS_TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("Redis timeout must be 1 ms to " + REDIS_TIMEOUT_MAX + ", not " + redisTimeout);
        }
        if (redisProbeInterval.toMillis() < 10 || redisProbeInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("Redis probe interval must be 10 ms to 1 h, not " + redisProbeInterval);
        }
        requireRange("search reads per second", searchReadsPerSecond, 0, RATE_LIMIT);
        requireRange("PaymentIntent updates per hour", paymentIntentUpdatesPerHour, 0, RATE_LIMIT);
        requireRange("concurrent requests per account", concurrencyMax, 1, IN_FLIGHT_LIMIT);
        requireRange("fleet capacity", fleetCapacity, 1, IN_FLIGHT_LIMIT);
        requireRange("fleet reserve percent", fleetReservePercent, 0, 90);
        requireRange("worker permits", workersMax, 1, IN_FLIGHT_LIMIT);
    }

    /** Stripe's published limits, in this process only (no Redis). */
    public static LimitSettings defaults() {
        return new LimitSettings(true, null, REDIS_KEY_PREFIX_DEFAULT, REDIS_TIMEOUT_DEFAULT,
                REDIS_PROBE_INTERVAL_DEFAULT, TEST_DEFAULT, LIVE_DEFAULT, SEARCH_READS_PER_SECOND_DEFAULT,
                PAYMENT_INTENT_UPDATES_PER_HOUR_DEFAULT, CONCURRENCY_MAX_DEFAULT, FLEET_CAPACITY_DEFAULT,
                FLEET_RESERVE_PERCENT_DEFAULT, WORKERS_MAX_DEFAULT);
    }

    /** No limits at all. */
    public static LimitSettings off() {
        return defaults().withEnabled(false);
    }

    public LimitSettings withEnabled(boolean on) {
        return new LimitSettings(on, redisUrl, redisKeyPrefix, redisTimeout, redisProbeInterval, test, live,
                searchReadsPerSecond, paymentIntentUpdatesPerHour, concurrencyMax, fleetCapacity, fleetReservePercent,
                workersMax);
    }

    public LimitSettings withRedis(String url, String keyPrefix) {
        return new LimitSettings(enabled, url, keyPrefix, redisTimeout, redisProbeInterval, test, live,
                searchReadsPerSecond, paymentIntentUpdatesPerHour, concurrencyMax, fleetCapacity, fleetReservePercent,
                workersMax);
    }

    public LimitSettings withRedisTiming(Duration timeout, Duration probeInterval) {
        return new LimitSettings(enabled, redisUrl, redisKeyPrefix, timeout, probeInterval, test, live,
                searchReadsPerSecond, paymentIntentUpdatesPerHour, concurrencyMax, fleetCapacity, fleetReservePercent,
                workersMax);
    }

    public LimitSettings withConcurrencyMax(int max) {
        return new LimitSettings(enabled, redisUrl, redisKeyPrefix, redisTimeout, redisProbeInterval, test, live,
                searchReadsPerSecond, paymentIntentUpdatesPerHour, max, fleetCapacity, fleetReservePercent, workersMax);
    }

    public LimitSettings withFleet(int capacity, int reservePercent) {
        return new LimitSettings(enabled, redisUrl, redisKeyPrefix, redisTimeout, redisProbeInterval, test, live,
                searchReadsPerSecond, paymentIntentUpdatesPerHour, concurrencyMax, capacity, reservePercent, workersMax);
    }

    public LimitSettings withWorkersMax(int max) {
        return new LimitSettings(enabled, redisUrl, redisKeyPrefix, redisTimeout, redisProbeInterval, test, live,
                searchReadsPerSecond, paymentIntentUpdatesPerHour, concurrencyMax, fleetCapacity, fleetReservePercent,
                max);
    }

    /** The rates of a mode. */
    Rates rates(boolean livemode) {
        return livemode ? live : test;
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + "-" + max + ", not " + value);
        }
    }
}
