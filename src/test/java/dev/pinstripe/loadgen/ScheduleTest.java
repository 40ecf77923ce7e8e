package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final long START_NANOS = 5_000_000_000L;

    @Test
    void requestsAreSpacedByTheReciprocalOfTheRate() {
        Schedule schedule = new Schedule(START_NANOS, 1_000);

        assertThat(LongStream.range(0, 4).map(schedule::intendedStartNanos))
                .containsExactly(START_NANOS, START_NANOS + 1_000_000, START_NANOS + 2_000_000, START_NANOS + 3_000_000);
        assertThat(schedule.intendedStartNanos(1_000)).isEqualTo(START_NANOS + 1_000_000_000L);
    }

    @Test
    void aRateThatDoesNotDivideASecondDoesNotDriftOverALongRun() {
        Schedule schedule = new Schedule(START_NANOS, 3);

        assertThat(schedule.intendedStartNanos(1)).isEqualTo(START_NANOS + 333_333_333);
        assertThat(schedule.intendedStartNanos(2)).isEqualTo(START_NANOS + 666_666_666);
        assertThat(schedule.intendedStartNanos(3 * 3_600)).isEqualTo(START_NANOS + 3_600_000_000_000L);
    }

    @Test
    void aFractionalRateSpacesRequestsMoreThanASecondApart() {
        Schedule schedule = new Schedule(START_NANOS, 0.5);

        assertThat(schedule.intendedStartNanos(1)).isEqualTo(START_NANOS + 2_000_000_000L);
    }

    @Test
    void theScheduleIsFixedInAdvanceAndNeverDecreases() {
        Schedule schedule = new Schedule(START_NANOS, 7_919);

        long[] starts = LongStream.range(0, 100_000).map(schedule::intendedStartNanos).toArray();

        assertThat(starts).isSorted();
        assertThat(schedule.intendedStartNanos(54_321)).isEqualTo(starts[54_321]);
    }

    @Test
    void aRateThatIsNotPositiveIsRejected() {
        assertThatThrownBy(() -> new Schedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
