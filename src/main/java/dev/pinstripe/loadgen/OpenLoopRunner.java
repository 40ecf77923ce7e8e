package dev.pinstripe.loadgen;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Sends requests on the open-loop {@link Schedule}, at most {@code connectionsMax} in flight.
 *
 * <p>The scheduling loop runs on the calling thread and hands each request to {@code executor}
 * (one virtual thread per request in production). When every connection is busy the loop waits;
 * the requests whose intended start passes meanwhile are not materialised, they are just the gap
 * between the loop's index and the clock, and are sent as soon as connections free up, their
 * latency still counted from their intended start. A request that cannot get a connection within
 * {@code timeout} of its intended start is given up, so that gap never exceeds {@link RunPlan#backlogMax()}.
 *
 * <p>The run therefore ends at the latest {@code 2 * timeout} after the end of the measured period
 * (one timeout for the backlog to expire, one for the last request sent to time out).
 */
public final class OpenLoopRunner {

    private final RunPlan plan;
    private final NanoClock clock;
    private final Executor executor;
    private final Exchange exchange;

    public OpenLoopRunner(RunPlan plan, NanoClock clock, Executor executor, Exchange exchange) {
        this.plan = plan;
        this.clock = clock;
        this.executor = executor;
        this.exchange = exchange;
    }

    public RunRecorder run() throws InterruptedException {
        long startNanos = clock.nanoTime();
        long timeoutNanos = plan.timeout().toNanos();
        Schedule schedule = new Schedule(startNanos, plan.ratePerSec());
        RunWindow window = RunWindow.of(startNanos, plan.warmup().toNanos(), plan.duration().toNanos());
        RunRecorder recorder = new RunRecorder(window);
        Semaphore connections = new Semaphore(plan.connectionsMax());

        boolean connectionBound = false;
        boolean measuring = false;
        for (long index = 0; ; index++) {
            long intendedNanos = schedule.intendedStartNanos(index);
            if (intendedNanos >= window.endNanos()) {
                break;
            }
            recorder.recordScheduled(intendedNanos);
            clock.sleepUntil(intendedNanos);

            long expiresNanos = intendedNanos + timeoutNanos;
            long pickedUpNanos = clock.nanoTime();
            if (!measuring && intendedNanos >= window.measureStartNanos()) {
                measuring = true;
                recorder.recordMeasureStartLag(pickedUpNanos - intendedNanos);
            }
            if (pickedUpNanos - intendedNanos <= PhaseRecorder.LATE_THRESHOLD_NANOS) {
                connectionBound = false;
            }
            if (pickedUpNanos >= expiresNanos) {
                recorder.recordExpired(intendedNanos, pickedUpNanos);
                continue;
            }
            if (!connections.tryAcquire()) {
                connectionBound = true;
                if (!clock.tryAcquireUntil(connections, 1, expiresNanos)) {
                    recorder.recordExpired(intendedNanos, clock.nanoTime());
                    continue;
                }
            }
            dispatch(index, intendedNanos, connectionBound, connections, recorder);
        }

        // Everything sent so far has its own timeout; wait for it, with slack for the client's own timer.
        long drainDeadlineNanos = clock.nanoTime() + timeoutNanos + timeoutNanos / 10;
        if (clock.tryAcquireUntil(connections, plan.connectionsMax(), drainDeadlineNanos)) {
            connections.release(plan.connectionsMax());
        } else {
            recorder.recordUnfinishedAtEnd(plan.connectionsMax() - connections.availablePermits());
        }
        return recorder;
    }

    private void dispatch(
            long sequence, long intendedNanos, boolean connectionBound, Semaphore connections, RunRecorder recorder) {
        Runnable request = () -> {
            long sentNanos = clock.nanoTime();
            recorder.recordSent(intendedNanos, sentNanos, connectionBound);
            try {
                Outcome outcome = exchange.perform(sequence);
                recorder.recordResponse(new RequestTiming(intendedNanos, sentNanos, clock.nanoTime()), outcome);
            } catch (IOException | RuntimeException e) {
                // A RuntimeException here is a client-side failure too (e.g. an unresolvable host);
                // counting it keeps the run going and still shows up in the report.
                recorder.recordError(
                        new RequestTiming(intendedNanos, sentNanos, clock.nanoTime()), classify(e), describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                connections.release();
            }
        };
        try {
            executor.execute(request);
        } catch (RejectedExecutionException e) {
            connections.release();
            throw e;
        }
    }

    static String describe(Throwable e) {
        String description = e.getClass().getName() + ": " + e.getMessage();
        Throwable cause = e.getCause();
        return cause == null || cause == e ? description : description + " (caused by " + describe(cause) + ")";
    }

    static ErrorKind classify(Exception e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e instanceof UnresolvedAddressException) {
            return ErrorKind.CONNECT;
        }
        if (e instanceof HttpTimeoutException) {
            return ErrorKind.TIMEOUT;
        }
        // The JDK client wraps a refused connection in a plain IOException on some paths.
        if (e.getCause() instanceof ConnectException) {
            return ErrorKind.CONNECT;
        }
        return ErrorKind.IO;
    }
}
