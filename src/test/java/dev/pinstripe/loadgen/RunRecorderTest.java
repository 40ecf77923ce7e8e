package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RunRecorderTest {

    private static final long MS = 1_000_000;
    // warmup [0, 1000 ms), measured [1000 ms, 3000 ms)
    private final RunRecorder recorder = new RunRecorder(RunWindow.of(0, 1_000 * MS, 2_000 * MS));

    private void respond(long intendedMs, long sentMs, long completedMs, int status) {
        recorder.recordSent(intendedMs * MS, sentMs * MS, false);
        recorder.recordResponse(new RequestTiming(intendedMs * MS, sentMs * MS, completedMs * MS), Outcome.ofStatus(status));
    }

    @Test
    void aRequestBelongsToThePhaseItsIntendedStartFallsIn() {
        respond(999, 1_200, 1_300, 200);
        respond(1_000, 1_000, 1_001, 201);

        assertThat(recorder.warmup().statusCounts()).containsExactly(entry(200, 1L));
        assertThat(recorder.measured().statusCounts()).containsExactly(entry(201, 1L));
    }

    @Test
    void throughputCountsResponsesCompletedInsideTheMeasuredPeriodWhateverTheirPhase() {
        respond(999, 999, 1_001, 200);
        respond(2_999, 2_999, 3_000, 200);
        respond(1_500, 1_500, 1_501, 200);

        assertThat(recorder.completedInMeasuredPeriod()).isEqualTo(2);
    }

    @Test
    void lateSendsAreBlamedOnBusyConnectionsOnlyWhenTheSchedulerWasWaitingForOne() {
        recorder.recordSent(1_000 * MS, 1_000 * MS + MS, false);
        recorder.recordSent(1_100 * MS, 1_100 * MS + MS + 1, false);
        recorder.recordSent(1_200 * MS, 1_250 * MS, true);
        recorder.recordSent(1_300 * MS, 1_300 * MS, true);

        PhaseRecorder measured = recorder.measured();
        assertThat(measured.sent()).isEqualTo(4);
        assertThat(measured.lateForGenerator()).isEqualTo(1);
        assertThat(measured.lateForConnection()).isEqualTo(1);
        assertThat(measured.sendLag().maxMs()).isCloseTo(50, within(0.05));
    }

    @Test
    void correctedLatencyIncludesTheWaitBeforeSendingAndUncorrectedDoesNot() {
        respond(1_000, 1_400, 1_410, 200);

        assertThat(recorder.measured().correctedLatency().maxMs()).isCloseTo(410, within(0.5));
        assertThat(recorder.measured().uncorrectedLatency().maxMs()).isCloseTo(10, within(0.01));
    }

    @Test
    void successesAreWhatTheScenarioJudgedAndTheFirstReasonForAFailureIsKept() {
        respond(1_000, 1_000, 1_001, 200);
        respond(1_001, 1_001, 1_002, 500);
        recorder.recordResponse(new RequestTiming(1_002 * MS, 1_002 * MS, 1_003 * MS),
                Outcome.failure(200, "first reason"));
        recorder.recordResponse(new RequestTiming(1_003 * MS, 1_003 * MS, 1_004 * MS),
                Outcome.failure(402, "second reason"));

        PhaseRecorder measured = recorder.measured();
        assertThat(measured.responses()).isEqualTo(4);
        assertThat(measured.successes()).isEqualTo(1);
        assertThat(measured.firstUnsuccessful()).isEqualTo("first reason");
        assertThat(measured.statusCounts()).containsExactly(entry(200, 2L), entry(402, 1L), entry(500, 1L));
    }

    @Test
    void aStatusOutsideTheHttpRangeIsStillCounted() {
        respond(1_000, 1_000, 1_001, 999);

        assertThat(recorder.measured().responses()).isEqualTo(1);
        assertThat(recorder.measured().statusCounts()).containsExactly(entry(599, 1L));
    }
}
