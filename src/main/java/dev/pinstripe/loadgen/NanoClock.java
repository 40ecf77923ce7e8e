package dev.pinstripe.loadgen;

import java.util.concurrent.Semaphore;

/**
 * Monotonic time and the waits measured against it. The scheduler and the recorders only ever see
 * time through this interface, so tests can run them on simulated time without sleeping.
 */
public interface NanoClock {

    long nanoTime();

    /** Returns once {@link #nanoTime()} has reached {@code deadlineNanos} (or at once if it has). */
    void sleepUntil(long deadlineNanos) throws InterruptedException;

    /**
     * Takes {@code count} permits from {@code semaphore}, waiting no later than {@code deadlineNanos}.
     * Returns false, holding no permits, if they did not become available in time.
     */
    boolean tryAcquireUntil(Semaphore semaphore, int count, long deadlineNanos) throws InterruptedException;

    static NanoClock system() {
        return SystemNanoClock.INSTANCE;
    }
}
