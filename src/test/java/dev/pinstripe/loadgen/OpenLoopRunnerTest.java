package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class OpenLoopRunnerTest {

    private static final long START_NANOS = 1_000_000_000L;
    // Runs each request to completion on the scheduler's thread: with one connection, exactly a
    // server that handles one request at a time, and fully deterministic on simulated time.
    private static final Executor INLINE = Runnable::run;

    private final ManualClock clock = new ManualClock(START_NANOS);

    private static RunPlan plan(double ratePerSec, Duration warmup, Duration duration, int connections, Duration timeout) {
        return new RunPlan(ratePerSec, warmup, duration, connections, timeout);
    }

    @Test
    void latencyIsMeasuredFromTheIntendedStartTime() throws InterruptedException {
        // Request 0 takes 30 ms on the only connection, so request 1 (intended at 10 ms) is sent at
        // 30 ms and request 2 (intended at 20 ms) at 31 ms.
        Exchange exchange = sequence -> {
            clock.advance(sequence == 0 ? Duration.ofMillis(30) : Duration.ofMillis(1));
            return Outcome.ofStatus(200);
        };
        RunPlan plan = plan(100, Duration.ZERO, Duration.ofMillis(30), 1, Duration.ofSeconds(10));

        PhaseRecorder measured = new OpenLoopRunner(plan, clock, INLINE, exchange).run().measured();

        // corrected: 30, 21 (31 - 10), 12 (32 - 20); uncorrected: 30, 1, 1
        assertThat(measured.correctedLatency().maxMs()).isCloseTo(30, within(0.05));
        assertThat(measured.correctedLatency().p50Ms()).isCloseTo(21, within(0.05));
        assertThat(measured.uncorrectedLatency().p50Ms()).isCloseTo(1, within(0.005));
        assertThat(measured.lateForConnection() + measured.lateForGenerator()).isEqualTo(2);
    }

    @Test
    void aStalledResponseShowsInTheCorrectedPercentilesButNotTheUncorrectedOnes() throws InterruptedException {
        // 100 req/s for 10 s; every response takes 1 ms except request 100, which stalls for 2 s.
        Exchange exchange = sequence -> {
            clock.advance(sequence == 100 ? Duration.ofSeconds(2) : Duration.ofMillis(1));
            return Outcome.ofStatus(200);
        };
        RunPlan plan = plan(100, Duration.ZERO, Duration.ofSeconds(10), 1, Duration.ofSeconds(10));

        PhaseRecorder measured = new OpenLoopRunner(plan, clock, INLINE, exchange).run().measured();

        LatencySummary uncorrected = measured.uncorrectedLatency();
        LatencySummary corrected = measured.correctedLatency();
        assertThat(uncorrected.count()).isEqualTo(1_000);
        assertThat(corrected.count()).isEqualTo(1_000);
        // A closed-loop view sees one slow request in a thousand: p99 still looks like 1 ms.
        assertThat(uncorrected.p90Ms()).isCloseTo(1, within(0.005));
        assertThat(uncorrected.p99Ms()).isCloseTo(1, within(0.005));
        assertThat(uncorrected.maxMs()).isCloseTo(2_000, within(2.0));
        // About 200 requests were due while request 100 stalled; each waited for it, up to 2 s.
        assertThat(corrected.p90Ms()).isGreaterThan(1_000);
        assertThat(corrected.p99Ms()).isGreaterThan(1_900);
        assertThat(corrected.maxMs()).isCloseTo(2_000, within(2.0));
        assertThat(corrected.p50Ms()).isLessThan(2);
    }

    @Test
    void requestsAreSentOnScheduleWhatEverTheResponsesDo() throws InterruptedException {
        List<Long> sentNanos = new ArrayList<>();
        Exchange exchange = sequence -> {
            sentNanos.add(clock.nanoTime());
            return Outcome.ofStatus(200);
        };
        RunPlan plan = plan(4, Duration.ofMillis(500), Duration.ofSeconds(1), 8, Duration.ofSeconds(1));

        RunRecorder recorder = new OpenLoopRunner(plan, clock, INLINE, exchange).run();

        assertThat(sentNanos).containsExactly(
                START_NANOS, START_NANOS + 250_000_000, START_NANOS + 500_000_000, START_NANOS + 750_000_000,
                START_NANOS + 1_000_000_000, START_NANOS + 1_250_000_000);
        assertThat(recorder.warmup().sent()).isEqualTo(2);
        assertThat(recorder.measured().sent()).isEqualTo(4);
        assertThat(recorder.measured().lateForConnection() + recorder.measured().lateForGenerator()).isZero();
        assertThat(recorder.measureStartLagNanos()).isZero();
    }

    @Test
    void aBacklogCarriedOverFromTheWarmupIsRecorded() throws InterruptedException {
        // The first request takes 700 ms; the measured period starts at 500 ms.
        Exchange exchange = sequence -> {
            clock.advance(sequence == 0 ? Duration.ofMillis(700) : Duration.ofMillis(1));
            return Outcome.ofStatus(200);
        };
        RunPlan plan = plan(10, Duration.ofMillis(500), Duration.ofSeconds(1), 1, Duration.ofSeconds(10));

        RunRecorder recorder = new OpenLoopRunner(plan, clock, INLINE, exchange).run();

        // requests 1-4 go out at 700-703 ms, so request 5 (intended at 500 ms) is picked up at 704 ms
        assertThat(recorder.measureStartLagNanos()).isEqualTo(204_000_000L);
    }

    @Test
    void aRequestThatGetsNoConnectionWithinTheTimeoutIsGivenUpAndItsWaitCounted() throws InterruptedException {
        List<Runnable> neverRun = new ArrayList<>();
        RunPlan plan = plan(10, Duration.ZERO, Duration.ofSeconds(1), 1, Duration.ofMillis(250));

        RunRecorder recorder = new OpenLoopRunner(plan, clock, neverRun::add, sequence -> Outcome.ofStatus(200)).run();

        PhaseRecorder measured = recorder.measured();
        assertThat(neverRun).hasSize(1);
        assertThat(measured.scheduled()).isEqualTo(10);
        assertThat(measured.errors(ErrorKind.EXPIRED_BEFORE_SEND)).isEqualTo(9);
        assertThat(measured.correctedLatency().count()).isEqualTo(9);
        assertThat(measured.correctedLatency().maxMs()).isCloseTo(250, within(0.5));
        assertThat(measured.uncorrectedLatency().count()).isZero();
        assertThat(recorder.unfinishedAtEnd()).isEqualTo(1);
    }

    @Test
    void theBacklogOfScheduledButUnsentRequestsIsBoundedByRateTimesTimeout() {
        assertThat(plan(1_000, Duration.ZERO, Duration.ofSeconds(30), 64, Duration.ofSeconds(10)).backlogMax())
                .isEqualTo(10_000);
        assertThat(plan(3, Duration.ZERO, Duration.ofSeconds(30), 64, Duration.ofMillis(500)).backlogMax())
                .isEqualTo(2);
    }

    @Test
    void failuresAreCountedByKindAndOnlyTimeoutsAreTimed() throws InterruptedException {
        Exchange exchange = sequence -> {
            clock.advance(Duration.ofMillis(5));
            return switch ((int) sequence) {
                case 0 -> throw new HttpTimeoutException("request timed out");
                case 1 -> throw new ConnectException("Connection refused");
                case 2 -> throw new IOException("connection reset");
                default -> Outcome.ofStatus(503);
            };
        };
        RunPlan plan = plan(10, Duration.ZERO, Duration.ofMillis(400), 4, Duration.ofSeconds(1));

        PhaseRecorder measured = new OpenLoopRunner(plan, clock, INLINE, exchange).run().measured();

        assertThat(measured.errors(ErrorKind.TIMEOUT)).isEqualTo(1);
        assertThat(measured.errors(ErrorKind.CONNECT)).isEqualTo(1);
        assertThat(measured.errors(ErrorKind.IO)).isEqualTo(1);
        assertThat(measured.statusCounts()).containsExactly(org.assertj.core.api.Assertions.entry(503, 1L));
        assertThat(measured.correctedLatency().count()).isEqualTo(2);
        assertThat(measured.firstErrors()).containsEntry(ErrorKind.IO, "java.io.IOException: connection reset");
    }
}
