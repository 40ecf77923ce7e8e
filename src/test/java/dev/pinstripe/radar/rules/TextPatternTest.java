package dev.pinstripe.radar.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LIKE and INCLUDES, checked against examples and against an independent regex translation. */
class TextPatternTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fraud%@stripe.com | fraud@stripe.com         | true",
        "fraud%@stripe.com | fraud+1@stripe.com       | true",
        "fraud%@stripe.com | xfraud@stripe.com        | false",
        "fraud%@stripe.com | fraud@stripe.comx        | false",
        "%                 | ''                       | true",
        "%                 | anything                 | true",
        "%%                | anything                 | true",
        "''                | ''                       | true",
        "''                | a                        | false",
        "abc               | abc                      | true",
        "abc               | abcd                     | false",
        "a%                | a                        | true",
        "a%                | ba                       | false",
        "%a                | ba                       | true",
        "%a                | ab                       | false",
        "a%c               | ac                       | true",
        "a%c               | abbbc                    | true",
        "a%c               | abcb                     | false",
        "ab%b              | ab                       | false",
        "ab%b              | abb                      | true",
        "%b%b%             | abab                     | true",
        "%b%b%             | ab                       | false",
        "a%b%a             | aba                      | true",
        "a%b%a             | aab                      | false",
        "a_c               | abc                      | false",
        "a_c               | a_c                      | true",
    })
    void likeMatchesTheWholeValueWithPercentAsTheOnlyWildcard(String pattern, String value, boolean expected) {
        assertThat(TextPattern.like(pattern, false).matches(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "A381 | 5A381D | true",
        "A381 | a381   | false",
        "''   | ''     | true",
        "%    | a%b    | true",
        "%    | ab     | false",
        "ab   | a      | false",
    })
    void includesFindsTheTextLiterally(String part, String value, boolean expected) {
        assertThat(TextPattern.includes(part, false).matches(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FRAUD%@Stripe.com | fraud1@STRIPE.COM | true",
        "%ÉTÉ%             | un été chaud      | true",
    })
    void ignoringCaseMatchesAnyCase(String pattern, String value, boolean expected) {
        assertThat(TextPattern.like(pattern, true).matches(value)).isEqualTo(expected);
        assertThat(TextPattern.like(pattern, false).matches(value)).isFalse();
    }

    @Property(tries = 3000)
    void likeAgreesWithARegularExpression(@ForAll("patterns") String pattern, @ForAll("values") String value) {
        StringBuilder regex = new StringBuilder();
        for (String piece : pattern.split("%", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        boolean expected = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();

        assertThat(TextPattern.like(pattern, false).matches(value)).as("'%s' LIKE '%s'", value, pattern)
                .isEqualTo(expected);
    }

    @Property(tries = 1000)
    void includesAgreesWithStringContains(@ForAll("values") String part, @ForAll("values") String value) {
        assertThat(TextPattern.includes(part, false).matches(value)).isEqualTo(value.contains(part));
        assertThat(TextPattern.includes(part, true).matches(value.toUpperCase(java.util.Locale.ROOT)))
                .isEqualTo(value.contains(part));
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("ab%").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab").ofMaxLength(10);
    }
}
