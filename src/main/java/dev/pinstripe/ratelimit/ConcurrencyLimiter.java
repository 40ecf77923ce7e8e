package dev.pinstripe.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most {@code max} requests in flight per account (both modes together), counted in this
 * process. An account's entry exists only while it has requests in flight, so the map is bounded
 * by the requests in flight.
 */
final class ConcurrencyLimiter {
    private final int max;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    ConcurrencyLimiter(int max) {
        this.max = max;
    }

    /** Takes a slot for the account, or returns false if it already has {@code max} in flight. */
    boolean tryAcquire(String accountId) {
        AtomicBoolean acquired = new AtomicBoolean();
        inFlight.compute(accountId, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= max) {
                return n;
            }
            acquired.set(true);
            return current + 1;
        });
        return acquired.get();
    }

    void release(String accountId) {
        inFlight.computeIfPresent(accountId, (k, n) -> n <= 1 ? null : n - 1);
    }

    int inFlight(String accountId) {
        return inFlight.getOrDefault(accountId, 0);
    }
}
