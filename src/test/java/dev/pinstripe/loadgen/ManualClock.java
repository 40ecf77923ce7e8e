package dev.pinstripe.loadgen;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/** Simulated time: waiting jumps the clock to the deadline instead of sleeping. */
final class ManualClock implements NanoClock {

    private long nowNanos;

    ManualClock(long startNanos) {
        this.nowNanos = startNanos;
    }

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    synchronized void advance(Duration duration) {
        nowNanos += duration.toNanos();
    }

    @Override
    public synchronized void sleepUntil(long deadlineNanos) {
        nowNanos = Math.max(nowNanos, deadlineNanos);
    }

    /** Nothing else runs while the simulated caller waits, so permits not free now never become free. */
    @Override
    public synchronized boolean tryAcquireUntil(Semaphore semaphore, int count, long deadlineNanos) {
        if (semaphore.tryAcquire(count)) {
            return true;
        }
        nowNanos = Math.max(nowNanos, deadlineNanos);
        return false;
    }
}
