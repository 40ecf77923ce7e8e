package dev.pinstripe.radar.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules the parser refuses, and what their author is told. */
class RuleParserRejectsTest {

    private static RuleSyntaxException rejection(String source) {
        return catchThrowableOfType(RuleSyntaxException.class, () -> TestCatalog.parse(source));
    }

    private static void assertRejected(String source, String message, int position) {
        RuleSyntaxException e = rejection(source);
        assertThat(e).as(source).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message + " at position " + position);
        assertThat(e.position()).isEqualTo(position);
    }

    @Test
    void unknownAttributeIsNamedWhereItIs() {
        assertRejected("Block if :card_contry: = 'US'", "Unknown attribute :card_contry:", 9);
    }

    @Test
    void unknownAttributeOnTheRightIsNamedToo() {
        assertRejected("Block if :card_country: != :ip_contry:", "Unknown attribute :ip_contry:", 27);
    }

    @Test
    void attributeNamesAreCaseSensitive() {
        assertRejected("Block if :Card_Country: = 'US'", "Unknown attribute :Card_Country:", 9);
    }

    @Test
    void missingValueAfterAnOperator() {
        assertRejected("Block if :risk_level: = ", "Expected a value after '='", 24);
    }

    @Test
    void bareWordIsNotAValue() {
        assertRejected("Block if :card_country: = US",
                "Expected a value after '=', found 'US'; write text in single quotes, like 'US'", 26);
    }

    @Test
    void unknownAction() {
        assertRejected("Deny if :is_anonymous_ip:",
                "Unknown action 'Deny'; expected Allow, Block, Review or Request Credentials", 0);
    }

    @Test
    void unknownRequestAction() {
        assertRejected("  Request money if :is_anonymous_ip:",
                "Unknown action 'Request money'; expected Allow, Block, Review or Request Credentials", 2);
    }

    @Test
    void missingAction() {
        assertRejected(":is_anonymous_ip:", "Expected an action (Allow, Block, Review or Request Credentials)", 0);
    }

    @Test
    void emptyRule() {
        assertRejected("   ", "Expected an action (Allow, Block, Review or Request Credentials)", 3);
    }

    @Test
    void missingIf() {
        assertRejected("Block :is_anonymous_ip:", "Expected 'if' after 'Block'", 6);
        assertRejected("Request 3D Secure when :is_anonymous_ip:", "Expected 'if' after 'Request 3D Secure'", 18);
    }

    @Test
    void emptyPredicate() {
        assertRejected("Block if", "Expected a condition after 'if'", 8);
        assertRejected("Block if   ", "Expected a condition after 'if'", 11);
    }

    @Test
    void conditionEndingInAConnective() {
        assertRejected("Block if :is_anonymous_ip: and", "Expected a condition after 'and'", 30);
        assertRejected("Block if :is_anonymous_ip: || !", "Expected a condition after '!'", 31);
    }

    @Test
    void numberAttributeComparedWithAString() {
        assertRejected("Block if :amount_in_usd: = 'x'",
                ":amount_in_usd: is a number and can't be compared with the string 'x'", 27);
        assertRejected("Block if :amount_in_usd: >= 'one thousand dollars'",
                ":amount_in_usd: is a number and can't be compared with the string 'one thousand dollars'", 28);
    }

    @Test
    void stringAttributeComparedWithANumber() {
        assertRejected("Block if :card_country: = 1",
                ":card_country: is a string and can't be compared with the number '1'", 26);
    }

    @Test
    void attributesOfDifferentTypesCannotBeCompared() {
        assertRejected("Block if :card_country: = :risk_score:",
                ":card_country: is a string and can't be compared with ':risk_score:', a number", 26);
    }

    @Test
    void stringsAreNotOrdered() {
        assertRejected("Block if :risk_level: < 'highest'",
                ":risk_level: is a string: only =, !=, IN, INCLUDES and LIKE apply to it, not '<'", 22);
    }

    @Test
    void booleanAttributeComparedWithAString() {
        assertRejected("Block if :is_anonymous_ip: = 'true'", ":is_anonymous_ip: is a boolean and can't be compared"
                + " with the string 'true'; use it alone, like :is_anonymous_ip:, or compare it with true or false", 29);
    }

    @Test
    void booleanAttributesAreNotOrdered() {
        assertRejected("Block if :is_anonymous_ip: > false", ":is_anonymous_ip: is a boolean: use it alone, or compare"
                + " it with = or != and true or false, not '>'", 27);
    }

    @Test
    void trueIsOnlyForBooleanAttributes() {
        assertRejected("Block if :risk_score: = true", ":risk_score: is a number and can't be compared with 'true'", 24);
        assertRejected("Block if ::flag:: = true", "::flag:: is metadata and can't be compared with 'true'", 20);
    }

    @Test
    void nonBooleanAttributeAlone() {
        assertRejected("Block if :card_country: and :is_anonymous_ip:",
                ":card_country: is a string and needs an operator and a value, like :card_country: = 'value'", 24);
        assertRejected("Block if ::flag::", "::flag:: is metadata and needs an operator and a value, like ::flag:: ="
                + " 'value'", 17);
    }

    @Test
    void metadataOrderedAgainstText() {
        assertRejected("Block if ::Customer Age:: < 'thirty'",
                "::Customer Age:: compared with '<' needs a number, not the string 'thirty'", 28);
    }

    @Test
    void unclosedParenthesis() {
        assertRejected("Block if (:is_anonymous_ip: or (:risk_score: > 5)",
                "Unclosed '(': expected ')' before the end of the rule", 9);
    }

    @Test
    void somethingElseWhereAClosingParenthesisBelongs() {
        assertRejected("Block if (:is_anonymous_ip: :is_3d_secure:)",
                "Expected AND, OR or ')' to close the '(' at position 9, found ':is_3d_secure:'", 28);
    }

    @Test
    void unterminatedString() {
        assertRejected("Block if :card_country: = 'US", "Unterminated string: the quote has no closing quote", 26);
        assertRejected("Block if :card_country: = 'US\\'", "Unterminated string: the quote has no closing quote", 26);
    }

    @Test
    void doubleQuotesAreNotStringQuotes() {
        assertRejected("Block if :card_country: = \"US\"", "Strings are written in single quotes, like 'US'", 26);
    }

    @Test
    void emptyList() {
        assertRejected("Block if :card_country: in ()", "The list after IN is empty", 27);
    }

    @Test
    void listWithATrailingComma() {
        assertRejected("Block if :card_country: in ('US',)", "Expected a string or a number in the list, found ')'", 33);
    }

    @Test
    void unclosedList() {
        assertRejected("Block if :card_country: in ('US', 'CA'", "Unclosed '(': the list has no ')'", 27);
    }

    @Test
    void listMixingStringsAndNumbers() {
        assertRejected("Block if ::k:: in ('a', 1)", "The list mixes strings and numbers", 24);
    }

    @Test
    void listOfTheWrongType() {
        assertRejected("Block if :amount_in_usd: in (1, 'two')", "The list mixes strings and numbers", 32);
        assertRejected("Block if :amount_in_usd: in ('one')",
                ":amount_in_usd: is a number and can't be compared with the string 'one'", 29);
    }

    @Test
    void attributesAreNotListItems() {
        assertRejected("Block if :card_country: in (:ip_country:)",
                "Expected a string or a number in the list, found ':ip_country:'", 28);
    }

    @Test
    void numbersAreNotLookedUpInValueLists() {
        assertRejected("Block if :amount_in_usd: in @amounts", ":amount_in_usd: is a number, and value lists hold strings",
                28);
    }

    @Test
    void inWithoutAList() {
        assertRejected("Block if :card_country: in 'US'",
                "Expected a list after IN, like ('US', 'CA') or @alias, found the string 'US'", 27);
    }

    @Test
    void notWithoutIn() {
        assertRejected("Block if :card_country: not like 'U%'", "Expected IN after NOT, found 'like'", 28);
    }

    @Test
    void likeAndIncludesNeedStrings() {
        assertRejected("Block if :amount_in_usd: like '1%'", ":amount_in_usd: is a number: LIKE applies only to strings and"
                + " metadata", 25);
        assertRejected("Block if :email: includes @domains", "Expected a string in single quotes after INCLUDES, found"
                + " '@domains'", 26);
    }

    @Test
    void trailingGarbage() {
        assertRejected("Block if :is_anonymous_ip: garbage", "Expected AND, OR or the end of the rule, found 'garbage'", 27);
        assertRejected("Block if :risk_score: > 5)", "Expected AND, OR or the end of the rule, found ')'", 25);
    }

    @Test
    void missingConnective() {
        assertRejected("Block if :card_country: = 'US' :is_anonymous_ip:",
                "Expected AND, OR or the end of the rule, found ':is_anonymous_ip:'", 31);
    }

    @Test
    void doubleEquals() {
        assertRejected("Block if :card_country: == 'US'", "Use '=' to compare values, not '=='", 24);
    }

    @Test
    void singleAmpersand() {
        assertRejected("Block if :is_anonymous_ip: & :is_3d_secure:", "Unexpected character '&'; write && or AND", 27);
    }

    @Test
    void strayCharacter() {
        assertRejected("Block if :risk_score: > 5 # comment", "Unexpected character '#' (U+0023)", 26);
        assertRejected("Block if :risk_score: > 5 \u0000", "Unexpected character U+0000", 26);
    }

    @Test
    void malformedNumbers() {
        assertRejected("Block if :risk_score: > 5.", "Malformed number '5.'; write numbers like 100 or 1000.00", 24);
        assertRejected("Block if :risk_score: > 1e5", "Malformed number '1e5'; write numbers like 100 or 1000.00", 24);
        assertRejected("Block if :risk_score: > 1" + "0".repeat(400),
                "Malformed number '1000000000000000000000000000000000000000…'; write numbers like 100 or 1000.00", 24);
    }

    @Test
    void malformedAttributeAndMetadataAndLists() {
        assertRejected("Block if :card country: = 'US'",
                "Expected an attribute name between colons, like :card_country:", 9);
        assertRejected("Block if ::Customer Age < 30", "The metadata key has no closing '::'", 9);
        assertRejected("Block if :::: = 'x'", "The metadata key is empty", 9);
        assertRejected("Block if ::customer::: = 'x'", "Expected an attribute name between colons, like :card_country:",
                21);
        assertRejected("Block if ::a:b:: = 'x'",
                "A metadata key can't contain ':' except after customer or destination, as in ::customer:key::", 9);
        assertRejected("Block if ::" + "k".repeat(41) + ":: = 'x'",
                "The metadata key is 41 characters long; Stripe's limit is 40", 9);
        assertRejected("Block if :card_country: in @", "Expected a list alias after '@', like @blocked_countries", 27);
    }

    @Test
    void isMissingTakesAnAttributeOrMetadata() {
        assertRejected("Block if is_missing('x')",
                "is_missing takes an attribute or metadata, like is_missing(:email_domain:), not the string 'x'", 20);
        assertRejected("Block if is_missing(:email:", "Expected ')' to close is_missing( at position 9, found the end of"
                + " the rule", 27);
        assertRejected("Block if is_missing :email:", "Expected '(' after is_missing, found ':email:'", 20);
    }

    @Test
    void literalCannotStartACondition() {
        assertRejected("Block if 'US' = :card_country:", "Expected a condition (an attribute like :card_country:,"
                + " metadata like ::key::, is_missing, NOT or '('), found the string 'US'", 9);
    }

    @Test
    void tooLongIsRejectedBeforeParsing() {
        String source = "Block if :card_country: = '" + "x".repeat(RuleParser.LENGTH_MAX_CHARS) + "'";

        assertRejected(source, "The rule is " + source.length() + " characters long; the limit is 2000", 2000);
    }

    @Test
    void tooDeepIsRejected() {
        assertRejected("Block if " + "(".repeat(33) + ":is_anonymous_ip:" + ")".repeat(33),
                "The condition nests parentheses and NOTs more than 32 levels deep", 9 + 32);
        assertRejected("Block if " + "not ".repeat(33) + ":is_anonymous_ip:",
                "The condition nests parentheses and NOTs more than 32 levels deep", 9 + 32 * 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Block if :is_anonymous_ip: and not", "Block if ((((", "Block if not not not not",
        "Block if :risk_score: > > 5", "Block if :card_country: in ('US' 'CA')", "Block if is_missing()",
        "Block if :email: like", "Block if ::k:: in (", "Block if @list", "Block if -5 < :risk_score:"})
    void otherMalformedConditionsAreRejectedWithAPosition(String source) {
        RuleSyntaxException e = rejection(source);

        assertThat(e).as(source).isNotNull();
        assertThat(e.position()).isBetween("Block if ".length(), source.length());
        assertThat(e.getMessage()).endsWith(" at position " + e.position());
    }
}
