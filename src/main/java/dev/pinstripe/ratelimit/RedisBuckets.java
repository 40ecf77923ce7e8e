package dev.pinstripe.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets kept in Redis (Bucket4j's compare-and-swap proxy manager over one Lettuce
 * connection), shared by every process that uses the same Redis and key prefix.
 *
 * <p>Fail open: any failure or timeout of a call marks Redis down, once, with one log line, and the
 * caller decides with its own buckets. While down, no request touches Redis; a background probe
 * reconnects and pings every {@code probeInterval}, and the first answer marks it up again, with one
 * log line. Every call is bounded by {@code timeout}: by Lettuce's command timeout and by Bucket4j's
 * request timeout.
 */
final class RedisBuckets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisBuckets.class);
    static final int WARM_UP_CALLS_MAX = 50;
    static final int WARM_UP_ANSWERS = 5;

    /** The most a (re)connection may take; only startup and the background probe wait for it. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Compare-and-swap attempts of one bucket operation when processes contend for the same key. */
    static final int CAS_ATTEMPTS_MAX = 32;
    /** How long an idle bucket's key outlives the time it takes to refill. */
    static final Duration KEY_GRACE = Duration.ofSeconds(10);

    enum State { STARTING, UP, DOWN }

    private record Link(StatefulRedisConnection<byte[], byte[]> connection, LettuceBasedProxyManager<byte[]> buckets) {}

    private final String where;
    private final RedisClient client;
    private final Duration timeout;
    private final TimeMeter time;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);
    private final LongAdder failovers = new LongAdder();
    private final Object linkLock = new Object();
    private final ScheduledExecutorService prober;
    private volatile Link link;

    RedisBuckets(String url, Duration timeout, Duration probeInterval, TimeMeter time) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(CONNECT_TIMEOUT); // the handshake's; commands have their own, below
        this.where = uri.getHost() + ":" + uri.getPort(); // never the password
        this.timeout = timeout;
        this.time = time;
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false) // the probe reconnects, on its own schedule
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        probe();
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pinstripe-redis-probe");
            t.setDaemon(true);
            return t;
        });
        long everyMs = probeInterval.toMillis();
        prober.scheduleWithFixedDelay(this::probeIfDown, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    boolean available() {
        return state.get() == State.UP;
    }

    /** Times Redis went from answering (or starting) to not answering. */
    long failovers() {
        return failovers.sum();
    }

    /** Takes one token from the bucket at {@code key}; throws if Redis does not answer in time. */
    ConsumptionProbe tryConsume(byte[] key, BucketConfiguration configuration) {
        return linkOrThrow().buckets().builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }

    /** Gives back a token taken from {@code key}. */
    void refund(byte[] key, BucketConfiguration configuration) {
        linkOrThrow().buckets().builder().build(key, () -> configuration).addTokens(1);
    }

    /** A call failed: Redis is down until the probe hears from it again. */
    void failed(RuntimeException e) {
        markDown(e);
    }

    private Link linkOrThrow() {
        Link l = link;
        if (l == null) {
            throw new IllegalStateException("no connection to Redis at " + where);
        }
        return l;
    }

    private void probeIfDown() {
        if (state.get() != State.UP) {
            probe();
        }
    }

    /** Connects if needed and pings; marks Redis up or down. Package-private so tests need not wait for the schedule. */
    boolean probe() {
        synchronized (linkLock) {
            try {
                Link l = link;
                if (l == null || !l.connection().isOpen()) {
                    closeLink();
                    l = connect();
                    link = l;
                }
                // The probe is off the request path: it may wait longer than a request would.
                String pong = l.connection().async().ping().get(CONNECT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                if (!"PONG".equals(pong)) {
                    throw new IllegalStateException("PING answered " + pong);
                }
                if (state.get() != State.UP) {
                    warmUp(l);
                }
                State before = state.getAndSet(State.UP);
                if (before != State.UP) {
                    log.info("Rate limits are shared through Redis at {}", where);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                markDown(e);
                return false;
            } catch (Exception e) {
                closeLink();
                markDown(e);
                return false;
            }
        }
    }

    /**
     * A few bucket operations on a throwaway key before requests rely on Redis: a cold process's
     * first ones (class loading, JIT, the script cache) take longer than the request timeout, and
     * would otherwise send it straight back to local buckets.
     */
    private void warmUp(Link l) {
        BucketConfiguration config = BucketConfiguration.builder()
                .addLimit(io.github.bucket4j.Bandwidth.builder().capacity(1_000_000).refillGreedy(1_000_000,
                        Duration.ofSeconds(1)).build())
                .build();
        byte[] key = ("pinstripe:warmup:" + java.util.UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int answered = 0;
        for (int i = 0; i < WARM_UP_CALLS_MAX && answered < WARM_UP_ANSWERS; i++) {
            try {
                l.buckets().builder().build(key, () -> config).tryConsumeAndReturnRemaining(1);
                answered++;
            } catch (RuntimeException e) {
                answered = 0; // still cold
            }
        }
        try {
            l.connection().sync().del(key);
        } catch (RuntimeException e) {
            // it expires on its own
        }
    }

    private Link connect() {
        StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        LettuceBasedProxyManager<byte[]> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(time)
                .requestTimeout(timeout)
                .maxRetries(CAS_ATTEMPTS_MAX)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_GRACE))
                .build();
        return new Link(connection, buckets);
    }

    private void markDown(Exception cause) {
        State before = state.getAndSet(State.DOWN);
        if (before != State.DOWN) {
            failovers.increment();
            log.warn("Redis at {} does not answer ({}); rate limits fall back to this process's own buckets until it"
                    + " does (checked every few seconds)", where, describe(cause));
        }
    }

    private void closeLink() {
        Link l = link;
        link = null;
        if (l != null && l.connection().isOpen()) {
            try {
                l.connection().closeAsync();
            } catch (RuntimeException ignored) {
                // a broken connection may fail to close; it is dropped either way
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        prober.shutdownNow();
        synchronized (linkLock) {
            link = null;
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2)); // closes the connection too
    }
}
