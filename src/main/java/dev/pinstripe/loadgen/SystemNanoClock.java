package dev.pinstripe.loadgen;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

enum SystemNanoClock implements NanoClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    // Parks rather than spins: the generator shares two cores with the server, and a spinning
    // scheduler would steal one of them. parkNanos overshoots by tens of microseconds, well under
    // the 1 ms at which a send counts as late, and later requests catch up because their intended
    // times do not move.
    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remainingNanos;
        while ((remainingNanos = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remainingNanos);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    @Override
    public boolean tryAcquireUntil(Semaphore semaphore, int count, long deadlineNanos) throws InterruptedException {
        return semaphore.tryAcquire(count, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
