package dev.pinstripe.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request-rate limiter: token buckets per account and mode, drawn most specific first (one
 * PaymentIntent's updates, the Search API, the endpoint, then the global read or write bucket). A
 * request takes one token from each bucket that applies; if one is empty, the tokens already taken
 * are given back and the request is refused, so a refused request costs nothing.
 *
 * <p>Buckets live in this process, or in Redis when one is configured and answers; when it does not,
 * this process's buckets decide (fail open: limits become per process, never absent).
 */
final class RateLimiter implements AutoCloseable {
    /** Local buckets kept at most; the least recently used go first (and come back full). */
    static final int LOCAL_BUCKETS_MAX = 100_000;
    /** An idle local bucket is dropped after this long, by which time every bucket has refilled. */
    static final Duration LOCAL_BUCKET_IDLE_MAX = Duration.ofHours(1);
    static final Duration SECOND = Duration.ofSeconds(1);

    static final String GLOBAL_RATE = "global-rate";
    static final String ENDPOINT_RATE = "endpoint-rate";
    static final String RESOURCE_SPECIFIC = "resource-specific";

    /** One bucket a request draws from: its name within the account and mode, and why it refuses. */
    private record Spec(String name, String reason, Bandwidth bandwidth, BucketConfiguration configuration) {
        static Spec of(String name, String reason, long tokens, Duration period) {
            Bandwidth bandwidth = Bandwidth.builder().capacity(tokens).refillGreedy(tokens, period).build();
            return new Spec(name, reason, bandwidth, BucketConfiguration.builder().addLimit(bandwidth).build());
        }

        Spec named(String name) {
            return new Spec(name, reason, bandwidth, configuration);
        }
    }

    private record Taken(String key, Spec spec, boolean inRedis) {}

    private final TimeMeter time;
    private final String prefix;
    private final Spec[] reads = new Spec[2];
    private final Spec[] writes = new Spec[2];
    private final Spec[] endpoints = new Spec[2];
    private final Spec search;
    private final Spec paymentIntentUpdates;
    private final Cache<String, Bucket> local;
    private final RedisBuckets redis;
    private final LongAdder localFallbacks = new LongAdder();

    RateLimiter(LimitSettings settings, TimeMeter time) {
        this.time = time;
        this.prefix = settings.redisKeyPrefix();
        for (int live = 0; live <= 1; live++) {
            LimitSettings.Rates rates = settings.rates(live == 1);
            reads[live] = Spec.of("read", GLOBAL_RATE, rates.readsPerSecond(), SECOND);
            writes[live] = Spec.of("write", GLOBAL_RATE, rates.writesPerSecond(), SECOND);
            endpoints[live] = rates.endpointPerSecond() == 0 ? null
                    : Spec.of("endpoint", ENDPOINT_RATE, rates.endpointPerSecond(), SECOND);
        }
        this.search = settings.searchReadsPerSecond() == 0 ? null
                : Spec.of("search", ENDPOINT_RATE, settings.searchReadsPerSecond(), SECOND);
        this.paymentIntentUpdates = settings.paymentIntentUpdatesPerHour() == 0 ? null
                : Spec.of("payment_intent_update", RESOURCE_SPECIFIC, settings.paymentIntentUpdatesPerHour(),
                        Duration.ofHours(1));
        this.local = Caffeine.newBuilder()
                .maximumSize(LOCAL_BUCKETS_MAX)
                .expireAfterAccess(LOCAL_BUCKET_IDLE_MAX)
                .build();
        this.redis = settings.redisUrl() == null ? null
                : new RedisBuckets(settings.redisUrl(), settings.redisTimeout(), settings.redisProbeInterval(), time);
    }

    /** Null if the request may run, else the rejection. Tokens are taken only if every bucket has one. */
    Admission.Rejected tryAcquire(RequestTraits traits) {
        List<Spec> specs = specsOf(traits);
        List<Taken> taken = new ArrayList<>(specs.size());
        String scope = prefix + traits.accountId() + (traits.livemode() ? ":live:" : ":test:");
        for (Spec spec : specs) {
            String key = scope + spec.name();
            Drawn drawn = draw(key, spec);
            if (!drawn.probe().isConsumed()) {
                taken.forEach(this::refund);
                long waitNanos = Math.max(drawn.probe().getNanosToWaitForRefill(), 1);
                long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                return new Admission.Rejected(Admission.Kind.RATE, Admission.Kind.RATE.httpStatus(),
                        Duration.ofSeconds(seconds), spec.reason());
            }
            taken.add(new Taken(key, spec, drawn.inRedis()));
        }
        return null;
    }

    /** The buckets a request draws from, most specific first. */
    private List<Spec> specsOf(RequestTraits traits) {
        int mode = traits.livemode() ? 1 : 0;
        String route = Criticality.canonical(traits.route());
        List<Spec> specs = new ArrayList<>(4);
        if (paymentIntentUpdates != null && traits.objectId() != null
                && route.equals("POST /v1/payment_intents/{}")) {
            specs.add(paymentIntentUpdates.named(paymentIntentUpdates.name() + ":" + traits.objectId()));
        }
        Spec global = traits.write() ? writes[mode] : reads[mode];
        long smallest = global.bandwidth().getCapacity();
        if (search != null && !traits.write() && route.endsWith("/search")) {
            specs.add(search);
            smallest = Math.min(smallest, search.bandwidth().getCapacity());
        }
        Spec endpoint = endpoints[mode];
        // An endpoint bucket no smaller than a broader one that refills as fast can never refuse
        // first: skip it, and its Redis round trip (in test mode, 25 per endpoint = 25 per mode).
        if (endpoint != null && endpoint.bandwidth().getCapacity() < smallest) {
            specs.add(endpoint.named("endpoint:" + route));
        }
        specs.add(global);
        return specs;
    }

    private record Drawn(ConsumptionProbe probe, boolean inRedis) {}

    private Drawn draw(String key, Spec spec) {
        if (redis != null) {
            if (redis.available()) {
                try {
                    return new Drawn(redis.tryConsume(key.getBytes(StandardCharsets.UTF_8), spec.configuration()), true);
                } catch (RuntimeException e) {
                    if (!lostEveryCompareAndSwap(e)) {
                        redis.failed(e);
                    }
                }
            }
            localFallbacks.increment();
        }
        return new Drawn(localBucket(key, spec).tryConsumeAndReturnRemaining(1), false);
    }

    /**
     * Bucket4j's "CAS operation failed after N retry attempts": other processes won every attempt
     * on a hot key. Redis answers; only this decision is taken locally. (Its timeouts are subclasses,
     * and its wrapped failures have a cause: those are Redis failing.)
     */
    private static boolean lostEveryCompareAndSwap(RuntimeException e) {
        return e.getClass() == BucketExceptions.BucketExecutionException.class && e.getCause() == null;
    }

    private void refund(Taken taken) {
        if (taken.inRedis()) {
            if (redis.available()) {
                try {
                    redis.refund(taken.key().getBytes(StandardCharsets.UTF_8), taken.spec().configuration());
                } catch (RuntimeException e) {
                    redis.failed(e);
                }
            }
            return;
        }
        localBucket(taken.key(), taken.spec()).addTokens(1);
    }

    private Bucket localBucket(String key, Spec spec) {
        return local.get(key, k -> Bucket.builder()
                .addLimit(spec.bandwidth())
                .withCustomTimePrecision(time)
                .build());
    }

    boolean distributed() {
        return redis != null;
    }

    boolean redisAvailable() {
        return redis != null && redis.available();
    }

    long redisFailovers() {
        return redis == null ? 0 : redis.failovers();
    }

    long localFallbacks() {
        return localFallbacks.sum();
    }

    /** Package-private for tests: probe Redis now instead of waiting for the schedule. */
    boolean probeRedis() {
        return redis != null && redis.probe();
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.close();
        }
    }
}
