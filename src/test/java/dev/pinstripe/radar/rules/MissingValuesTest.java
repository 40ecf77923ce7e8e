package dev.pinstripe.radar.rules;

import static dev.pinstripe.radar.rules.TestPayment.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Stripe's rules for missing values: a comparison with a missing value doesn't match, and neither
 * does its negation; {@code is_missing} tests for them explicitly; AND and OR follow SQL's
 * three-valued logic.
 */
class MissingValuesTest {

    private static boolean matches(String source, TestPayment payment) throws RuleSyntaxException {
        return TestCatalog.parse(source).matches(payment);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ":email_domain: = 'definitelyfraud.com'",
        ":email_domain: != 'definitelysafe.com'",
        ":email_domain: in ('a.com', 'b.com')",
        ":email_domain: not in ('a.com', 'b.com')",
        ":email_domain: in @domains",
        ":email_domain: not in @domains",
        ":email_domain: includes 'fraud'",
        ":email_domain: like '%'",
        ":email_domain: = :card_country:",
        ":card_country: != :email_domain:",
        ":seconds_since_email_first_seen: < 60",
        ":seconds_since_email_first_seen: >= 0",
        ":seconds_since_email_first_seen: != 5",
        ":seconds_since_email_first_seen: in (1, 2)",
        ":amount_in_usd: > :seconds_since_email_first_seen:",
        ":is_anonymous_ip:",
        ":is_anonymous_ip: = true",
        ":is_anonymous_ip: = false",
        ":is_anonymous_ip: != true",
        "::foo:: = 'x'",
        "::foo:: != 'x'",
        "::foo:: < 30",
        "::foo:: in ('x')",
        "::foo:: in (1)",
        "::foo:: like '%'",
        "::foo:: includes ''",
        "::foo:: in @list",
        "::foo:: = ::bar::",
    })
    void aComparisonWithAMissingValueMatchesNeitherItselfNorItsNegation(String condition) throws RuleSyntaxException {
        TestPayment p = payment().with("card_country", "US").with("amount_in_usd", 100L).withMetadata("bar", "x")
                .withList("domains", "a.com").withList("list", "x");

        assertThat(matches("Review if " + condition, p)).isFalse();
        assertThat(matches("Review if NOT (" + condition + ")", p)).isFalse();
        assertThat(matches("Review if !(" + condition + ")", p)).isFalse();
        assertThat(matches("Review if not not (" + condition + ")", p)).isFalse();
    }

    @Test
    void isMissingTestsForMissingValuesExplicitly() throws RuleSyntaxException {
        TestPayment p = payment().with("card_country", "US");

        assertThat(matches("Review if is_missing(:email_domain:)", p)).isTrue();
        assertThat(matches("Review if is_missing(:card_country:)", p)).isFalse();
        assertThat(matches("Review if is_missing(::foo::)", p)).isTrue();
        assertThat(matches("Review if !(is_missing(::foo::))", p)).isFalse();
        assertThat(matches("Review if !(is_missing(::foo::))", p.withMetadata("foo", "1"))).isTrue();
    }

    @Test
    void stripesExampleMatchesPaymentsWithoutAnEmail() throws RuleSyntaxException {
        String rule = "Review if is_missing(:email_domain:) OR :email_domain: IN ('yopmail.net', 'yandex.ru')";

        assertThat(matches(rule, payment())).isTrue();
        assertThat(matches(rule, payment().with("email_domain", "yopmail.net"))).isTrue();
        assertThat(matches(rule, payment().with("email_domain", "gmail.com"))).isFalse();
    }

    @Test
    void stripesWorkaroundKeepsTheOldMeaningOfNot() throws RuleSyntaxException {
        String rule = "Block if is_missing(:email_domain:) OR NOT (:email_domain: = 'notfraud.com')";

        assertThat(matches(rule, payment())).isTrue();
        assertThat(matches(rule, payment().with("email_domain", "notfraud.com"))).isFalse();
        assertThat(matches(rule, payment().with("email_domain", "fraud.com"))).isTrue();
    }

    @Test
    void orIsTrueIfAnyPartIsTrueEvenWithAMissingPart() throws RuleSyntaxException {
        TestPayment p = payment().with("is_3d_secure", true).with("is_anonymous_ip", false);

        assertThat(matches("Block if :email: = 'x' or :is_3d_secure:", p)).isTrue();
        assertThat(matches("Block if :is_3d_secure: or :email: = 'x'", p)).isTrue();
        assertThat(matches("Block if :email: = 'x' or :is_anonymous_ip:", p)).isFalse();
        assertThat(matches("Block if not (:email: = 'x' or :is_anonymous_ip:)", p))
                .as("missing OR false is missing, and stays missing under NOT").isFalse();
    }

    @Test
    void andIsFalseIfAnyPartIsFalseEvenWithAMissingPart() throws RuleSyntaxException {
        TestPayment p = payment().with("is_3d_secure", true).with("is_anonymous_ip", false);

        assertThat(matches("Block if :email: = 'x' and :is_3d_secure:", p)).isFalse();
        assertThat(matches("Block if not (:email: = 'x' and :is_anonymous_ip:)", p))
                .as("missing AND false is false, so its negation matches").isTrue();
        assertThat(matches("Block if not (:email: = 'x' and :is_3d_secure:)", p))
                .as("missing AND true is missing").isFalse();
    }

    @Test
    void metadataThatIsNotANumberIsMissingToNumericComparisons() throws RuleSyntaxException {
        for (String age : new String[] {"twenty", "1,000", "1e3", "", " 22", ".5", "22."}) {
            TestPayment p = payment().withMetadata("Customer Age", age);
            assertThat(matches("Review if ::Customer Age:: < 30", p)).as(age).isFalse();
            assertThat(matches("Review if not ::Customer Age:: < 30", p)).as(age).isFalse();
            assertThat(matches("Review if ::Customer Age:: != 30", p)).as(age).isFalse();
            assertThat(matches("Review if is_missing(::Customer Age::)", p)).as("present, just not a number").isFalse();
        }
    }

    @Test
    void aNanAttributeIsMissing() throws RuleSyntaxException {
        TestPayment p = payment().with("risk_score", Double.NaN);

        assertThat(matches("Review if :risk_score: != 5", p)).isFalse();
        assertThat(matches("Review if not :risk_score: = 5", p)).isFalse();
    }

    @Test
    void aValueOfTheWrongTypeIsAProgrammerErrorNotAMissingValue() throws RuleSyntaxException {
        Rule rule = TestCatalog.parse("Review if :risk_score: > 5");

        assertThatThrownBy(() -> rule.matches(payment().with("risk_score", "80")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The rule context gave :risk_score:, a NUMBER attribute, a String");
        assertThatThrownBy(() -> TestCatalog.parse("Review if :is_anonymous_ip:")
                .matches(payment().with("is_anonymous_ip", "true"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> TestCatalog.parse("Review if :card_country: = 'US'")
                .matches(payment().with("card_country", 1))).isInstanceOf(IllegalStateException.class);
    }
}
