package dev.pinstripe.payments.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Luhn check and number normalisation. */
class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424242", "378282246310005", "36227206271667", "6205500000000000004", "0", "18", "59"})
    void luhnAcceptsNumbersWhoseCheckDigitIsRight(String digits) {
        assertThat(CardNumbers.luhnValid(digits)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4242424242424241", "4242424242424243", "378282246310004", "1", "19"})
    void luhnRejectsNumbersWhoseCheckDigitIsWrong(String digits) {
        assertThat(CardNumbers.luhnValid(digits)).isFalse();
    }

    @Test
    void luhnCatchesEverySingleDigitChange() {
        String valid = "4000056655665556";
        for (int i = 0; i < valid.length(); i++) {
            for (char d = '0'; d <= '9'; d++) {
                if (d != valid.charAt(i)) {
                    String changed = valid.substring(0, i) + d + valid.substring(i + 1);
                    assertThat(CardNumbers.luhnValid(changed)).as(changed).isFalse();
                }
            }
        }
    }

    @Test
    void onlySpacesAndDashesAreStripped() {
        assertThat(CardNumbers.stripSeparators(" 4242-4242 4242\t4242")).isEqualTo("424242424242\t4242");
        assertThat(CardNumbers.stripSeparators(null)).isNull();
    }

    @Test
    void onlyAsciiDigitsCount() {
        assertThat(CardNumbers.allAsciiDigits("0123456789")).isTrue();
        assertThat(CardNumbers.allAsciiDigits("")).isFalse();
        assertThat(CardNumbers.allAsciiDigits("１２３")).isFalse();
    }

    @Test
    void mastercardTwoSeriesRangeIsInclusive() {
        assertThat(CardNumbers.brandOf("2221000000000009")).isEqualTo("mastercard");
        assertThat(CardNumbers.brandOf("2720990000000007")).isEqualTo("mastercard");
        assertThat(CardNumbers.brandOf("2220990000000008")).isEqualTo("unknown");
        assertThat(CardNumbers.brandOf("2721000000000004")).isEqualTo("unknown");
    }
}
