package dev.pinstripe.radar.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever is written, parsing ends in a {@link Rule} or a {@link RuleSyntaxException} with a
 * message and a position inside the rule, and a parsed rule evaluates without throwing. The seeds
 * are fixed so that a failure can be replayed; change them to explore other inputs.
 */
class HostileInputTest {

    private static final List<String> HEADERS = List.of("Block if ", "review IF ", "Request Credentials if ",
            "Request 3D Secure if ", "Allow if", "");

    /** Pieces of the language, so that random input gets past the first tokens. */
    private static final List<String> FRAGMENTS = List.of(":card_country:", ":risk_score:", ":is_anonymous_ip:",
            ":email:", ":nope:", "::k::", "::customer:k::", "::", ":", "'US'", "'", "\\", "\"", "(", ")", ",", " and ",
            " or ", " not ", " in ", " NOT IN ", "@list", "@", "=", "!=", "<", "<=", ">", ">=", "==", "!", "&&", "||",
            "&", "|", " like ", " includes ", "'%a%'", "is_missing", "true", "false", "12", "-3.5", "1.", "1e9", " ",
            "\t", "\n", "é", "\u0000", "\uD800", "😀", "\u202E");

    /** Rules that parse, to be broken by small edits. */
    private static final List<String> VALID = List.of(
            "Block if :card_fingerprint: in @blocked_cards or not :card_funding: = 'credit'",
            "Review if is_missing(:email_domain:) OR :email_domain: IN ('yopmail.net', 'yandex.ru')",
            "Allow if :card_country: in ('US', 'CA') and :amount_in_usd: < 100",
            "Review if ::Customer Age:: < 30 && (:is_anonymous_ip: || !(::customer:Trusted:: = 'true'))",
            "Block if :email: LIKE 'fraud%@stripe.com' or :ip_address: includes '192.168'",
            "Request 3D Secure if :risk_score: >= 65.5 and :card_country: != :ip_country:");

    @Provide
    Arbitrary<String> ruleLikeText() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(FRAGMENTS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(2)));
        return Combinators.combine(Arbitraries.of(HEADERS), piece.list().ofMaxSize(16))
                .as((header, pieces) -> header + String.join("", pieces));
    }

    @Provide
    Arbitrary<String> editedRules() {
        return Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(0, 200),
                Arbitraries.integers().between(0, 6), Arbitraries.of(FRAGMENTS))
                .as((rule, at, cut, insert) -> {
                    int from = at % (rule.length() + 1);
                    return rule.substring(0, from) + insert + rule.substring(Math.min(rule.length(), from + cut));
                });
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(60);
    }

    @Property(tries = 20_000, seed = "5138711")
    void ruleLikeTextOnlyEverFailsWithRuleSyntaxException(@ForAll("ruleLikeText") String source) {
        check(source);
    }

    @Property(tries = 20_000, seed = "2718")
    void editedRulesOnlyEverFailWithRuleSyntaxException(@ForAll("editedRules") String source) {
        check(source);
    }

    @Property(tries = 5_000, seed = "919")
    void anyTextOnlyEverFailsWithRuleSyntaxException(@ForAll("anyText") String source) {
        check(source);
        check("Block if " + source);
    }

    private static void check(String source) {
        try {
            Rule rule = TestCatalog.parse(source);
            rule.matches(TestPayment.payment());
            rule.matches(everythingPresent());
        } catch (RuleSyntaxException expected) {
            assertThat(expected.getMessage()).isNotBlank().endsWith(" at position " + expected.position());
            assertThat(expected.position()).isBetween(0, source.length());
        } catch (Throwable unexpected) {
            fail("'" + source + "' threw " + unexpected, unexpected);
        }
    }

    /** A payment with a well-typed value for every attribute, all metadata, and every value in every list. */
    private static RuleContext everythingPresent() {
        return new RuleContext() {
            @Override
            public Object attribute(String name) {
                return switch (TestCatalog.CATALOG.type(name).orElseThrow()) {
                    case NUMBER -> 42L;
                    case STRING -> "US";
                    case BOOLEAN -> Boolean.TRUE;
                };
            }

            @Override
            public String metadata(String key) {
                return "12";
            }

            @Override
            public boolean inList(String alias, String value) {
                return true;
            }
        };
    }

    @Test
    @Timeout(5)
    void pathologicalInputsWithinTheLimitAreRejectedQuickly() {
        int n = RuleParser.LENGTH_MAX_CHARS - "Block if ".length();
        List<String> conditions = List.of("(".repeat(n), "not ".repeat(n / 4), "!".repeat(n), "'".repeat(n),
                "\\".repeat(n), ":".repeat(n), "::".repeat(n / 2), ":: ".repeat(n / 3), "@".repeat(n), "9".repeat(n),
                ":card_country: in (" + "'a',".repeat(n / 4 - 5), "(:is_anonymous_ip: or ".repeat(n / 22),
                "'" + "\\'".repeat(n / 2 - 1));
        for (String condition : conditions) {
            String source = "Block if " + condition;
            assertThat(source.length()).isLessThanOrEqualTo(RuleParser.LENGTH_MAX_CHARS);
            check(source);
        }
    }

    @Test
    @Timeout(5)
    void megabytesAreRejectedWithoutParsing() {
        String source = "Block if " + "(".repeat(1_000_000);

        try {
            TestCatalog.parse(source);
            fail("parsed");
        } catch (RuleSyntaxException expected) {
            assertThat(expected.getMessage()).startsWith("The rule is 1000009 characters long");
        }
    }

    @Test
    void aHugeListWithinTheLimitEvaluatesCorrectly() throws RuleSyntaxException {
        StringBuilder source = new StringBuilder("Block if :card_country: in ('A0'");
        for (int i = 1; i < 250; i++) {
            source.append(",'A").append(i).append('\'');
        }
        Rule rule = TestCatalog.parse(source.append(')').toString());

        assertThat(rule.matches(TestPayment.payment().with("card_country", "a249"))).isTrue();
        assertThat(rule.matches(TestPayment.payment().with("card_country", "A250"))).isFalse();
    }
}
