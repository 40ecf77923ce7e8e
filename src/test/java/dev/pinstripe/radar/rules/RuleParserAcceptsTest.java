package dev.pinstripe.radar.rules;

import static dev.pinstripe.radar.rules.TestCatalog.parse;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules the parser accepts, and what it reports about them. */
class RuleParserAcceptsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // Rules from Stripe's rules reference, verbatim.
        "Block if :amount_in_usd: > 1000.00",
        "Block if :card_country: != :ip_country:",
        "Review if ::Customer Age:: < 30",
        "Review if ::Item ID:: = '5A381D' and :amount_in_usd: > 1000",
        "Review if ::Category ID:: IN ('groceries', 'electronics', 'clothing')",
        "Review if ::Item ID:: INCLUDES 'A381'",
        "Allow if ::customer:Trusted:: = 'true'",
        "Review if ::destination:Category:: = 'new'",
        "Block if :ip_state: = 'CA'",
        "Block if :address_line1_check: = 'fail'",
        "Block if :cvc_check: != 'pass'",
        "Block if :address_zip_check: in ('fail', 'not_provided')",
        "Block if :card_country: = 'CA' OR :card_country: = 'DE' OR :card_country: = 'AE'",
        "Block if :card_country: IN ('CA', 'DE', 'AE')",
        "Block if :card_country: in @card_countries_to_block",
        "Block if :email_domain: = 'definitelyfraud.com'",
        "Review if :email_domain: != 'definitelysafe.com'",
        "Review if NOT (:email_domain: = 'definitelysafe.com')",
        "Review if is_missing(:email_domain:)",
        "Review if !(is_missing(::foo::))",
        "Review if is_missing(:email_domain:) OR :email_domain: IN ('yopmail.net', 'yandex.ru')",
        // Stripe's valid conditions and operator examples, each in a rule.
        "Block if :card_brand: = 'amex'",
        "Block if :card_country: != 'US'",
        "Block if :amount_in_usd: >= 1000.00",
        "Block if :is_anonymous_ip:",
        "Block if :card_country: = 'us'",
        "Block if :card_funding: != 'prepaid'",
        "Block if :amount_in_gbp: < 10.00",
        "Block if :amount_in_usd: > 500.00",
        "Block if :amount_in_eur: <= 100.00",
        "Block if :amount_in_cad: >= 10.00",
        "Block if :card_country: IN ('gb', 'ie')",
        "Block if :ip_address: INCLUDES '192.168'",
        "Block if :email: LIKE 'fraud%@stripe.com'",
        // From Stripe's rules overview and Radar guides.
        "Request 3D Secure if :risk_score: > 50",
        "Review if :is_disposable_email: and :card_funding: = 'prepaid'",
        "Block if :charge_attempts_per_ip_address_hourly: > 1",
        "Block if :is_3d_secure: and not :is_3d_secure_authenticated:",
        // The examples of the brief.
        "Block if :risk_level: = 'highest'",
        "Review if :risk_level: = 'elevated'",
        "Allow if :card_country: in ('US', 'CA') and :amount_in_usd: < 100",
        "Block if :ip_country: in @blocked_countries",
        "Block if :card_fingerprint: in @blocked_cards or not :card_funding: = 'credit'",
        "Request Credentials if :risk_score: > 65",
        "Block if ::customer_tier:: = 'fraudster'",
        "Block if :total_charges_per_card_number_hourly: > 5",
        "Review if :is_new_card_on_customer:",
        "Review if :is_new_card_on_customer: = true",
        "Review if :is_new_card_on_customer: != false",
        // Symbols, case and layout.
        "Block if :is_anonymous_ip: && (:risk_score: > 50 || !:is_3d_secure:)",
        "bLoCk If :card_country: In ('US') AnD NoT :is_anonymous_ip: oR :risk_score: >= 90",
        "Block\tif\n  :risk_score:>90",
        "Block if :card_country: NOT IN ('US', 'CA')",
        "Block if :amount_in_usd: in (10, 20.5, -1)",
        "Block if ::Order Total:: >= :amount_in_usd:",
        "Block if :email: = 'o\\'brien@example.com'",
    })
    void acceptsStripesDocumentedRulesAndTheBriefsExamples(String source) throws RuleSyntaxException {
        Rule rule = parse(source);

        assertThat(rule.source()).isEqualTo(source);
        assertThat(rule.toString()).isEqualTo(source);
    }

    @Test
    void reportsActionPredicateAndWhatTheRuleReads() throws RuleSyntaxException {
        Rule rule = parse("  Block if  :card_fingerprint: in @blocked_cards or ::customer:Trusted:: != 'true'"
                + " and :card_fingerprint: != :ip_country: or is_missing(::Item ID::)  ");

        assertThat(rule.action()).isEqualTo(RuleAction.BLOCK);
        assertThat(rule.predicate()).isEqualTo(":card_fingerprint: in @blocked_cards or ::customer:Trusted:: != 'true'"
                + " and :card_fingerprint: != :ip_country: or is_missing(::Item ID::)");
        assertThat(rule.attributes()).containsExactly("card_fingerprint", "ip_country");
        assertThat(rule.listAliases()).containsExactly("blocked_cards");
        assertThat(rule.metadataKeys()).containsExactly("customer:Trusted", "Item ID");
    }

    @Test
    void theSetsCannotBeChanged() throws RuleSyntaxException {
        Rule rule = parse("Block if :risk_score: > 1");

        assertThat(rule.attributes()).isUnmodifiable();
        assertThat(rule.listAliases()).isUnmodifiable().isEmpty();
        assertThat(rule.metadataKeys()).isUnmodifiable().isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Allow", "allow", "ALLOW"})
    void allowInAnyCase(String action) throws RuleSyntaxException {
        assertThat(parse(action + " if :is_anonymous_ip:").action()).isEqualTo(RuleAction.ALLOW);
    }

    @Test
    void eachActionIsRecognised() throws RuleSyntaxException {
        assertThat(parse("Block if :is_anonymous_ip:").action()).isEqualTo(RuleAction.BLOCK);
        assertThat(parse("review IF :is_anonymous_ip:").action()).isEqualTo(RuleAction.REVIEW);
        assertThat(parse("Request Credentials if :is_anonymous_ip:").action())
                .isEqualTo(RuleAction.REQUEST_CREDENTIALS);
        assertThat(parse("request   3d  SECURE if :is_anonymous_ip:").action())
                .isEqualTo(RuleAction.REQUEST_CREDENTIALS);
    }

    @Test
    void ifMayBeFollowedDirectlyByPunctuation() throws RuleSyntaxException {
        Rule rule = parse("Block if(:is_anonymous_ip:)");

        assertThat(rule.predicate()).isEqualTo("(:is_anonymous_ip:)");
    }

    @Test
    void ruleOfExactlyTheMaximumLengthIsAccepted() throws RuleSyntaxException {
        String start = "Block if :card_country: = '";
        String source = start + "x".repeat(RuleParser.LENGTH_MAX_CHARS - start.length() - 1) + "'";

        assertThat(source).hasSize(RuleParser.LENGTH_MAX_CHARS);
        assertThat(parse(source).attributes()).containsExactly("card_country");
    }

    @Test
    void nestingUpToTheLimitIsAccepted() throws RuleSyntaxException {
        // 17 parentheses and 15 NOTs: 32 levels, and an odd number of negations.
        String source = "Block if " + "(".repeat(17) + "not ".repeat(15) + ":is_anonymous_ip:" + ")".repeat(17);

        assertThat(RuleParser.NESTING_DEPTH_MAX).isEqualTo(32);

        assertThat(parse(source).matches(TestPayment.payment().with("is_anonymous_ip", false))).isTrue();
    }

    @Test
    void longAndOrChainsDoNotNest() throws RuleSyntaxException {
        String source = "Block if " + ":risk_score: > 1 and ".repeat(80) + ":risk_score: > 1";

        assertThat(parse(source).matches(TestPayment.payment().with("risk_score", 2))).isTrue();
    }
}
