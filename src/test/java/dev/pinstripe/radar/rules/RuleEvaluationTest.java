package dev.pinstripe.radar.rules;

import static dev.pinstripe.radar.rules.TestPayment.payment;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What rules match, when every value they read is present (missing values: MissingValuesTest). */
class RuleEvaluationTest {

    private static boolean matches(String source, TestPayment payment) throws RuleSyntaxException {
        return TestCatalog.parse(source).matches(payment);
    }

    private static TestPayment flags(boolean x, boolean y, boolean z) {
        return payment().with("is_anonymous_ip", x).with("is_3d_secure", y).with("is_disposable_email", z);
    }

    private static final String X = ":is_anonymous_ip:";
    private static final String Y = ":is_3d_secure:";
    private static final String Z = ":is_disposable_email:";

    @Test
    void andOrNotFollowTheirTruthTables() throws RuleSyntaxException {
        for (boolean x : new boolean[] {false, true}) {
            for (boolean y : new boolean[] {false, true}) {
                for (boolean z : new boolean[] {false, true}) {
                    TestPayment p = flags(x, y, z);
                    String at = "x=" + x + " y=" + y + " z=" + z;
                    assertThat(matches("Block if " + X + " and " + Y, p)).as(at).isEqualTo(x && y);
                    assertThat(matches("Block if " + X + " && " + Y + " AND " + Z, p)).as(at).isEqualTo(x && y && z);
                    assertThat(matches("Block if " + X + " or " + Y, p)).as(at).isEqualTo(x || y);
                    assertThat(matches("Block if " + X + " || " + Y + " OR " + Z, p)).as(at).isEqualTo(x || y || z);
                    assertThat(matches("Block if not " + X, p)).as(at).isEqualTo(!x);
                    assertThat(matches("Block if !" + X, p)).as(at).isEqualTo(!x);
                    assertThat(matches("Block if not not " + X, p)).as(at).isEqualTo(x);
                }
            }
        }
    }

    @Test
    void precedenceIsNotThenAndThenOrAsInStripesReference() throws RuleSyntaxException {
        for (boolean x : new boolean[] {false, true}) {
            for (boolean y : new boolean[] {false, true}) {
                for (boolean z : new boolean[] {false, true}) {
                    TestPayment p = flags(x, y, z);
                    String at = "x=" + x + " y=" + y + " z=" + z;
                    // Stripe: "{X} OR NOT {Y} AND {Z}" is "{X} OR ((NOT {Y}) AND {Z})".
                    assertThat(matches("Block if " + X + " OR NOT " + Y + " AND " + Z, p)).as(at)
                            .isEqualTo(x || (!y && z));
                    assertThat(matches("Block if (" + X + " OR (NOT " + Y + ")) AND " + Z, p)).as(at)
                            .isEqualTo((x || !y) && z);
                    assertThat(matches("Block if " + X + " OR NOT (" + Y + " AND " + Z + ")", p)).as(at)
                            .isEqualTo(x || !(y && z));
                    assertThat(matches("Block if " + X + " and " + Y + " or " + Z, p)).as(at).isEqualTo((x && y) || z);
                    assertThat(matches("Block if " + X + " and (" + Y + " or " + Z + ")", p)).as(at)
                            .isEqualTo(x && (y || z));
                }
            }
        }
    }

    @Test
    void notAppliesToTheWholeComparisonAfterIt() throws RuleSyntaxException {
        String rule = "Block if :card_fingerprint: in @blocked_cards or not :card_funding: = 'credit'";
        TestPayment credit = payment().with("card_fingerprint", "fp_1").with("card_funding", "credit")
                .withList("blocked_cards", "fp_2");

        assertThat(matches(rule, credit)).isFalse();
        assertThat(matches(rule, credit.with("card_funding", "debit"))).isTrue();
        assertThat(matches(rule, credit.with("card_funding", "credit").withList("blocked_cards", "fp_1"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "=, 99, false", "=, 100, true", "=, 101, false",
        "!=, 99, true", "!=, 100, false", "!=, 101, true",
        "<, 99, true", "<, 100, false", "<, 101, false",
        "<=, 99, true", "<=, 100, true", "<=, 101, false",
        ">, 99, false", ">, 100, false", ">, 101, true",
        ">=, 99, false", ">=, 100, true", ">=, 101, true",
    })
    void numbersCompareNumerically(String operator, long amount, boolean expected) throws RuleSyntaxException {
        String rule = "Block if :amount_in_usd: " + operator + " 100.00";

        assertThat(matches(rule, payment().with("amount_in_usd", amount))).isEqualTo(expected);
        assertThat(matches(rule, payment().with("amount_in_usd", (int) amount))).isEqualTo(expected);
        assertThat(matches(rule, payment().with("amount_in_usd", (double) amount))).isEqualTo(expected);
    }

    @Test
    void decimalsNegativesAndZeroCompareAsNumbers() throws RuleSyntaxException {
        assertThat(matches("Block if :amount_in_usd: > 999.99", payment().with("amount_in_usd", 1000.0))).isTrue();
        assertThat(matches("Block if :amount_in_usd: > 1000.01", payment().with("amount_in_usd", 1000.0))).isFalse();
        assertThat(matches("Block if :risk_score: > -1", payment().with("risk_score", 0))).isTrue();
        assertThat(matches("Block if :risk_score: = 0", payment().with("risk_score", -0.0))).isTrue();
        // Numeric, not textual: 9 < 10 although "9" > "10".
        assertThat(matches("Block if :risk_score: < 10", payment().with("risk_score", 9))).isTrue();
    }

    @Test
    void numericAttributesCompareWithEachOther() throws RuleSyntaxException {
        String rule = "Block if :amount_in_usd: > :amount_in_gbp:";

        assertThat(matches(rule, payment().with("amount_in_usd", 130L).with("amount_in_gbp", 100.5))).isTrue();
        assertThat(matches(rule, payment().with("amount_in_usd", 100L).with("amount_in_gbp", 100.5))).isFalse();
    }

    @Test
    void caseInsensitiveStringAttributesIgnoreCase() throws RuleSyntaxException {
        TestPayment us = payment().with("card_country", "US");

        assertThat(matches("Block if :card_country: = 'us'", us)).isTrue();
        assertThat(matches("Block if :card_country: != 'us'", us)).isFalse();
        assertThat(matches("Block if :card_country: = 'CA'", us)).isFalse();
        assertThat(matches("Block if :card_country: != 'CA'", us)).isTrue();
        assertThat(matches("Block if :risk_level: = 'HIGHEST'", payment().with("risk_level", "highest"))).isTrue();
    }

    @Test
    void caseSensitiveStringAttributesRespectCase() throws RuleSyntaxException {
        TestPayment card = payment().with("card_fingerprint", "J3ai2xZbVpDC14");

        assertThat(matches("Block if :card_fingerprint: = 'J3ai2xZbVpDC14'", card)).isTrue();
        assertThat(matches("Block if :card_fingerprint: = 'j3ai2xzbvpdc14'", card)).isFalse();
        assertThat(matches("Block if :card_fingerprint: != 'j3ai2xzbvpdc14'", card)).isTrue();
        assertThat(matches("Block if :card_fingerprint: in ('j3ai2xzbvpdc14')", card)).isFalse();
    }

    @Test
    void everyStringIsCaseSensitiveWithTheOneArgumentCatalog() throws RuleSyntaxException {
        RuleParser parser = new RuleParser(new AttributeCatalog(java.util.Map.of("card_country", AttributeType.STRING)));

        assertThat(parser.parse("Block if :card_country: = 'us'").matches(payment().with("card_country", "US")))
                .isFalse();
        assertThat(parser.parse("Block if :card_country: = 'US'").matches(payment().with("card_country", "US")))
                .isTrue();
    }

    @Test
    void stringAttributesCompareWithEachOther() throws RuleSyntaxException {
        String rule = "Block if :card_country: != :ip_country:";

        assertThat(matches(rule, payment().with("card_country", "US").with("ip_country", "FR"))).isTrue();
        assertThat(matches(rule, payment().with("card_country", "US").with("ip_country", "us"))).isFalse();
        assertThat(matches("Block if :card_country: = :card_fingerprint:",
                payment().with("card_country", "US").with("card_fingerprint", "us")))
                .as("case-sensitive when either side is").isFalse();
    }

    @Test
    void inAListOfStrings() throws RuleSyntaxException {
        String rule = "Allow if :card_country: in ('US', 'CA') and :amount_in_usd: < 100";

        assertThat(matches(rule, payment().with("card_country", "ca").with("amount_in_usd", 99L))).isTrue();
        assertThat(matches(rule, payment().with("card_country", "US").with("amount_in_usd", 100L))).isFalse();
        assertThat(matches(rule, payment().with("card_country", "GB").with("amount_in_usd", 1L))).isFalse();
    }

    @Test
    void notInIsTheNegationOfIn() throws RuleSyntaxException {
        String rule = "Block if :card_country: NOT IN ('US', 'CA')";

        assertThat(matches(rule, payment().with("card_country", "GB"))).isTrue();
        assertThat(matches(rule, payment().with("card_country", "us"))).isFalse();
    }

    @Test
    void inAListOfNumbers() throws RuleSyntaxException {
        String rule = "Block if :risk_score: IN (10, 20.5, -3)";

        assertThat(matches(rule, payment().with("risk_score", 10L))).isTrue();
        assertThat(matches(rule, payment().with("risk_score", 20.5))).isTrue();
        assertThat(matches(rule, payment().with("risk_score", -3))).isTrue();
        assertThat(matches(rule, payment().with("risk_score", 20))).isFalse();
    }

    @Test
    void inAValueListAsksTheContextWithTheAliasAndTheValue() throws RuleSyntaxException {
        String rule = "Block if :ip_country: in @blocked_countries";

        assertThat(matches(rule, payment().with("ip_country", "RU").withList("blocked_countries", "RU", "KP"))).isTrue();
        assertThat(matches(rule, payment().with("ip_country", "FR").withList("blocked_countries", "RU", "KP"))).isFalse();
        assertThat(matches(rule, payment().with("ip_country", "RU").withList("other", "RU"))).isFalse();
        // The list decides how to match: the test's lists are exact, so case matters here.
        assertThat(matches(rule, payment().with("ip_country", "ru").withList("blocked_countries", "RU"))).isFalse();
        assertThat(matches("Block if :ip_country: not in @blocked_countries",
                payment().with("ip_country", "FR").withList("blocked_countries", "RU"))).isTrue();
    }

    @Test
    void booleanAttributesAloneAndComparedWithTrueOrFalse() throws RuleSyntaxException {
        TestPayment yes = payment().with("is_new_card_on_customer", true);
        TestPayment no = payment().with("is_new_card_on_customer", false);

        assertThat(matches("Review if :is_new_card_on_customer:", yes)).isTrue();
        assertThat(matches("Review if :is_new_card_on_customer:", no)).isFalse();
        assertThat(matches("Review if :is_new_card_on_customer: = TRUE", yes)).isTrue();
        assertThat(matches("Review if :is_new_card_on_customer: = true", no)).isFalse();
        assertThat(matches("Review if :is_new_card_on_customer: = false", no)).isTrue();
        assertThat(matches("Review if :is_new_card_on_customer: = false", yes)).isFalse();
        assertThat(matches("Review if :is_new_card_on_customer: != true", no)).isTrue();
        assertThat(matches("Review if :is_new_card_on_customer: != false", yes)).isTrue();
        assertThat(matches("Review if :is_new_card_on_customer: != false", no)).isFalse();
    }

    @Test
    void metadataComparesAsCaseSensitiveText() throws RuleSyntaxException {
        TestPayment fraudster = payment().withMetadata("customer_tier", "fraudster");

        assertThat(matches("Block if ::customer_tier:: = 'fraudster'", fraudster)).isTrue();
        assertThat(matches("Block if ::customer_tier:: = 'Fraudster'", fraudster)).isFalse();
        assertThat(matches("Block if ::customer_tier:: != 'Fraudster'", fraudster)).isTrue();
        assertThat(matches("Block if ::customer_tier:: in ('gold', 'fraudster')", fraudster)).isTrue();
        assertThat(matches("Block if ::customer_tier:: in ('FRAUDSTER')", fraudster)).isFalse();
        assertThat(matches("Block if ::customer_tier:: = :card_country:", fraudster.with("card_country", "FRAUDSTER")))
                .as("an attribute compared with metadata compares case-sensitively").isFalse();
    }

    @Test
    void metadataComparedWithANumberComparesNumerically() throws RuleSyntaxException {
        String rule = "Review if ::Customer Age:: < 30";

        assertThat(matches(rule, payment().withMetadata("Customer Age", "22"))).isTrue();
        assertThat(matches(rule, payment().withMetadata("Customer Age", "100"))).as("100 < 30 as text").isFalse();
        assertThat(matches(rule, payment().withMetadata("Customer Age", "29.5"))).isTrue();
        assertThat(matches(rule, payment().withMetadata("Customer Age", "-4"))).isTrue();
        assertThat(matches("Review if ::Customer Age:: = 22", payment().withMetadata("Customer Age", "22.00"))).isTrue();
        assertThat(matches("Review if ::Customer Age:: = '22'", payment().withMetadata("Customer Age", "22.00")))
                .as("a string literal compares as text").isFalse();
        assertThat(matches("Review if ::Customer Age:: in (21, 22)", payment().withMetadata("Customer Age", "22")))
                .isTrue();
    }

    @Test
    void metadataComparesWithAttributesAndOtherMetadata() throws RuleSyntaxException {
        TestPayment p = payment().with("amount_in_usd", 1500L).withMetadata("limit", "1000")
                .withMetadata("other_limit", "900").withMetadata("same", "1000");

        assertThat(matches("Block if :amount_in_usd: > ::limit::", p)).isTrue();
        assertThat(matches("Block if ::limit:: > :amount_in_usd:", p)).isFalse();
        assertThat(matches("Block if ::limit:: > ::other_limit::", p)).as("numerically, 1000 > 900").isTrue();
        assertThat(matches("Block if ::limit:: = ::same::", p)).isTrue();
        assertThat(matches("Block if ::limit:: != ::other_limit::", p)).isTrue();
    }

    @Test
    void customerAndDestinationMetadataKeysReachTheContextAsWritten() throws RuleSyntaxException {
        TestPayment p = payment().withMetadata("customer:Trusted", "true").withMetadata("destination:Category", "new");

        assertThat(matches("Allow if ::customer:Trusted:: = 'true'", p)).isTrue();
        assertThat(matches("Review if ::destination:Category:: = 'new'", p)).isTrue();
        assertThat(matches("Allow if ::Trusted:: = 'true'", p)).isFalse();
    }

    @Test
    void includesMatchesSubstrings() throws RuleSyntaxException {
        String rule = "Review if ::Item ID:: INCLUDES 'A381'";

        for (String id : new String[] {"A381", "5A381D", "A381D", "5A381"}) {
            assertThat(matches(rule, payment().withMetadata("Item ID", id))).as(id).isTrue();
        }
        assertThat(matches(rule, payment().withMetadata("Item ID", "a381"))).isFalse();
        assertThat(matches(rule, payment().withMetadata("Item ID", "A38"))).isFalse();
        assertThat(matches("Block if :ip_address: INCLUDES '192.168'", payment().with("ip_address", "10.192.168.1")))
                .isTrue();
        assertThat(matches("Block if :email: includes 'FRAUD'", payment().with("email", "a@fraud.com"))).isTrue();
        assertThat(matches("Block if :email: includes '%'", payment().with("email", "a@fraud.com")))
                .as("% is literal in INCLUDES").isFalse();
    }

    @Test
    void likeMatchesPatternsWithPercentWildcards() throws RuleSyntaxException {
        String rule = "Block if :email: LIKE 'fraud%@stripe.com'";

        assertThat(matches(rule, payment().with("email", "fraud@stripe.com"))).isTrue();
        assertThat(matches(rule, payment().with("email", "fraudster99@stripe.com"))).isTrue();
        assertThat(matches(rule, payment().with("email", "FRAUD.x@Stripe.COM"))).as("email ignores case").isTrue();
        assertThat(matches(rule, payment().with("email", "nofraud@stripe.com"))).isFalse();
        assertThat(matches(rule, payment().with("email", "fraud@stripe.com.evil"))).isFalse();
        assertThat(matches("Block if ::code:: like 'A_%'", payment().withMetadata("code", "AB1"))).as("_ is literal")
                .isFalse();
        assertThat(matches("Block if ::code:: like 'a%'", payment().withMetadata("code", "AB1")))
                .as("metadata is case-sensitive").isFalse();
    }

    @Test
    void isMissingIsFalseForPresentValues() throws RuleSyntaxException {
        TestPayment p = payment().with("email_domain", "").withMetadata("foo", "");

        assertThat(matches("Review if is_missing(:email_domain:)", p)).isFalse();
        assertThat(matches("Review if is_missing(::foo::)", p)).isFalse();
        assertThat(matches("Review if !(is_missing(::foo::))", p)).isTrue();
    }

    @Test
    void evaluationStopsAtTheFirstDecidingPart() throws RuleSyntaxException {
        // The context would throw for the second attribute's wrong type, so the result shows it wasn't read.
        TestPayment p = payment().with("is_anonymous_ip", true).with("risk_score", "not a number");

        assertThat(matches("Block if :is_anonymous_ip: or :risk_score: > 5", p)).isTrue();
        assertThat(matches("Block if not :is_anonymous_ip: and :risk_score: > 5", p)).isFalse();
    }
}
