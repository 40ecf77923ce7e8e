package dev.pinstripe.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stripe's four limiters in front of the API (docs/rate-limits.md): the request rate limiter
 * (token buckets, in this process or shared through Redis), the per-account concurrency limiter,
 * the fleet usage load shedder and the worker utilisation load shedder (both over this process).
 *
 * <p>Call {@link #admit} once per authenticated API request, before any work. An {@link
 * Admission.Admitted} holds a concurrency slot, an in-flight place and a worker permit until its
 * {@code release} runs; an {@link Admission.Rejected} holds nothing.
 *
 * <p>The cheap in-process checks run first, so a shed request costs no Redis round trip and no
 * tokens: fleet, workers, concurrency, then rate.
 */
public final class Limiters implements AutoCloseable {
    private static final Duration RETRY_AFTER_SHED = Duration.ofSeconds(1);
    private static final String GLOBAL_CONCURRENCY = "global-concurrency";
    private static final Admission.Admitted ALWAYS = new Admission.Admitted(() -> {});

    /**
     * Counters for the metrics layer.
     *
     * @param admitted        requests admitted
     * @param rejected        requests refused, by the limiter that refused them
     * @param inFlight        admitted requests not yet released, in this process
     * @param workersBusy     worker permits held, out of {@code workersMax}
     * @param workersMax      worker permits in this process
     * @param distributed     whether a Redis URL is configured
     * @param redisAvailable  whether rate buckets are in Redis right now (false while falling back)
     * @param redisFailovers  times Redis stopped answering (each logged once)
     * @param localFallbacks  bucket decisions taken in this process because Redis did not answer
     */
    public record Stats(long admitted, Map<Admission.Kind, Long> rejected, int inFlight, int workersBusy,
            int workersMax, boolean distributed, boolean redisAvailable, long redisFailovers, long localFallbacks) {

        public long rejected(Admission.Kind kind) {
            return rejected.getOrDefault(kind, 0L);
        }
    }

    private final boolean enabled;
    private final RateLimiter rate;
    private final ConcurrencyLimiter concurrency;
    private final FleetShedder fleet;
    private final WorkerShedder workers;
    private final LongAdder admitted = new LongAdder();
    private final Map<Admission.Kind, LongAdder> rejected = new EnumMap<>(Admission.Kind.class);

    /**
     * @param clock the time the token buckets refill by (tests pass a ManualClock)
     */
    public Limiters(LimitSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        this.enabled = settings.enabled();
        for (Admission.Kind kind : Admission.Kind.values()) {
            rejected.put(kind, new LongAdder());
        }
        this.concurrency = new ConcurrencyLimiter(settings.concurrencyMax());
        this.fleet = new FleetShedder(settings.fleetCapacity(), settings.fleetReservePercent());
        this.workers = new WorkerShedder(settings.workersMax());
        this.rate = enabled ? new RateLimiter(settings, new ClockTimeMeter(clock)) : null;
    }

    /** Decides whether a request may run; call once per authenticated API request. */
    public Admission admit(RequestTraits traits) {
        if (!enabled) {
            admitted.increment();
            return ALWAYS;
        }
        if (!fleet.tryAcquire(traits)) {
            return reject(Admission.Kind.FLEET, RETRY_AFTER_SHED, null);
        }
        if (!workers.tryAcquire(Priority.of(traits))) {
            fleet.release();
            return reject(Admission.Kind.WORKERS, RETRY_AFTER_SHED, null);
        }
        if (!concurrency.tryAcquire(traits.accountId())) {
            workers.release();
            fleet.release();
            return reject(Admission.Kind.CONCURRENCY, RETRY_AFTER_SHED, GLOBAL_CONCURRENCY);
        }
        Admission.Rejected limited;
        try {
            limited = rate.tryAcquire(traits);
        } catch (RuntimeException e) {
            releaseSlots(traits.accountId());
            throw e;
        }
        if (limited != null) {
            releaseSlots(traits.accountId());
            rejected.get(Admission.Kind.RATE).increment();
            return limited;
        }
        admitted.increment();
        String account = traits.accountId();
        AtomicBoolean released = new AtomicBoolean();
        return new Admission.Admitted(() -> {
            if (released.compareAndSet(false, true)) {
                releaseSlots(account);
            }
        });
    }

    private void releaseSlots(String accountId) {
        concurrency.release(accountId);
        workers.release();
        fleet.release();
    }

    private Admission.Rejected reject(Admission.Kind kind, Duration retryAfter, String reason) {
        rejected.get(kind).increment();
        return new Admission.Rejected(kind, kind.httpStatus(), retryAfter, reason);
    }

    public Stats stats() {
        Map<Admission.Kind, Long> counts = new EnumMap<>(Admission.Kind.class);
        rejected.forEach((kind, n) -> counts.put(kind, n.sum()));
        return new Stats(admitted.sum(), Map.copyOf(counts), fleet.inFlight(), workers.busy(), workers.workersMax(),
                rate != null && rate.distributed(), rate != null && rate.redisAvailable(),
                rate == null ? 0 : rate.redisFailovers(), rate == null ? 0 : rate.localFallbacks());
    }

    /** Package-private for tests: probe Redis now rather than on the background schedule. */
    boolean probeRedis() {
        return rate != null && rate.probeRedis();
    }

    /** Package-private for tests: requests in flight for one account. */
    int inFlight(String accountId) {
        return concurrency.inFlight(accountId);
    }

    @Override
    public void close() {
        if (rate != null) {
            rate.close();
        }
    }
}
