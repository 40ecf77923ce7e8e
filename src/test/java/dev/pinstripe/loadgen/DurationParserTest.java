package dev.pinstripe.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {

    @Test
    void secondsMillisecondsMinutesAndHoursAreUnderstood() {
        assertThat(DurationParser.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationParser.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationParser.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationParser.parse("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void partsCanBeCombinedAndFractional() {
        assertThat(DurationParser.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationParser.parse("1.5s")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(DurationParser.parse("0.25ms")).isEqualTo(Duration.ofNanos(250_000));
    }

    @Test
    void aBareNumberIsSecondsAsInWrk() {
        assertThat(DurationParser.parse("10")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void zeroIsAllowedAndUppercaseAndSurroundingSpaceAreTolerated() {
        assertThat(DurationParser.parse("0s")).isZero();
        assertThat(DurationParser.parse(" 5S ")).isEqualTo(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "s", "-5s", "5x", "5 s", "1s2", "PT5S", "abc", "5sec"})
    void anythingElseIsRejected(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
