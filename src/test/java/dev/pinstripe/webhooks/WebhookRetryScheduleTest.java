package dev.pinstripe.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookRetryScheduleTest {
    @Test
    void standardScheduleDoublesFromOneMinuteToEightHoursOverAboutThreeDays() {
        RetrySchedule s = RetrySchedule.standard(new Random(1));

        assertThat(s.attemptsMax()).isEqualTo(18);
        assertThat(s.nominalDelayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.nominalDelayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.nominalDelayAfter(9)).isEqualTo(Duration.ofMinutes(256));
        assertThat(s.nominalDelayAfter(10)).isEqualTo(Duration.ofHours(8));
        assertThat(s.nominalDelayAfter(17)).isEqualTo(Duration.ofHours(8));
        assertThat(s.nominalTotal()).isEqualTo(Duration.ofHours(72).plusMinutes(31));
        assertThat(s.disableAfter()).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> s.nominalDelayAfter(18)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.nominalDelayAfter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jitterStaysWithinFifteenPercentAndIsReproducibleFromTheSeed() {
        RetrySchedule s = RetrySchedule.standard(new Random(42));
        List<Duration> first = delays(s);
        List<Duration> again = delays(RetrySchedule.standard(new Random(42)));

        assertThat(first).isEqualTo(again);
        for (int attempt = 1; attempt < 18; attempt++) {
            long nominal = s.nominalDelayAfter(attempt).toMillis();
            assertThat(first.get(attempt - 1).toMillis()).isBetween(Math.round(nominal * 0.85),
                    Math.round(nominal * 1.15));
        }
        assertThat(first).isNotEqualTo(nominals(s)); // jitter is applied
    }

    @Test
    void fastScheduleHasTheSameAttemptsCompressedIntoTwoMinutes() {
        RetrySchedule standard = RetrySchedule.standard(new Random(1));
        RetrySchedule fast = RetrySchedule.named("fast", new Random(1));

        assertThat(fast.attemptsMax()).isEqualTo(standard.attemptsMax());
        assertThat(fast.nominalTotal().toMillis()).isBetween(119_000L, 121_000L);
        assertThat(fast.disableAfter().toMillis()).isBetween(118_000L, 120_000L);
        assertThat(fast.nominalDelayAfter(1).toMillis()).isBetween(20L, 40L);
        double ratio = (double) fast.nominalDelayAfter(10).toMillis() / fast.nominalDelayAfter(9).toMillis();
        assertThat(ratio).isCloseTo(480.0 / 256.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void disableAfterCanBeChangedAndUnknownNamesAreRejected() {
        assertThat(RetrySchedule.fast(new Random()).withDisableAfter(Duration.ofDays(1)).disableAfter())
                .isEqualTo(Duration.ofDays(1));
        assertThat(RetrySchedule.named("standard", new Random()).name()).isEqualTo("standard");
        assertThatThrownBy(() -> RetrySchedule.named("slow", new Random()))
                .hasMessageContaining("standard or fast");
    }

    private static List<Duration> delays(RetrySchedule s) {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt < s.attemptsMax(); attempt++) {
            delays.add(s.delayAfter(attempt));
        }
        return delays;
    }

    private static List<Duration> nominals(RetrySchedule s) {
        List<Duration> delays = new ArrayList<>();
        for (int attempt = 1; attempt < s.attemptsMax(); attempt++) {
            delays.add(s.nominalDelayAfter(attempt));
        }
        return delays;
    }
}
