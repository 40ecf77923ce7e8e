package dev.pinstripe.ratelimit;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stripe's worker utilisation load shedder, over this process's worker permits: a request of a
 * {@link Priority} takes a permit only while fewer than that priority's share of the permits are
 * busy, so as utilisation rises the lowest priorities are shed first.
 */
final class WorkerShedder {
    private final int workersMax;
    private final int[] permitsOf = new int[Priority.values().length];
    private final AtomicInteger busy = new AtomicInteger();

    WorkerShedder(int workersMax) {
        this.workersMax = workersMax;
        for (Priority p : Priority.values()) {
            permitsOf[p.ordinal()] = p.permitsOf(workersMax);
        }
    }

    boolean tryAcquire(Priority priority) {
        return FleetShedder.tryIncrementBelow(busy, permitsOf[priority.ordinal()]);
    }

    void release() {
        busy.decrementAndGet();
    }

    int busy() {
        return busy.get();
    }

    int workersMax() {
        return workersMax;
    }
}
