package dev.pinstripe.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stripe's fleet usage load shedder, over this process: requests in flight against a capacity, of
 * which a reserve is kept for critical live writes (creating, confirming and capturing
 * PaymentIntents, refunds, legacy charges). Non-critical traffic (reads, other writes, all of test
 * mode) is admitted only while the in-flight count is below {@code capacity - reserve}.
 */
final class FleetShedder {
    private final int capacity;
    private final int nonCriticalMax;
    private final AtomicInteger inFlight = new AtomicInteger();

    FleetShedder(int capacity, int reservePercent) {
        this.capacity = capacity;
        int reserve = (int) Math.ceil(capacity * reservePercent / 100.0);
        this.nonCriticalMax = Math.max(0, capacity - reserve);
    }

    static boolean isCritical(RequestTraits traits) {
        return traits.livemode() && traits.criticality() == Criticality.CRITICAL_WRITE;
    }

    boolean tryAcquire(RequestTraits traits) {
        int limit = isCritical(traits) ? capacity : nonCriticalMax;
        return tryIncrementBelow(inFlight, limit);
    }

    void release() {
        inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Increments {@code counter} if it is below {@code limit}; the loop repeats only when another thread moved it. */
    static boolean tryIncrementBelow(AtomicInteger counter, int limit) {
        while (true) {
            int current = counter.get();
            if (current >= limit) {
                return false;
            }
            if (counter.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }
}
