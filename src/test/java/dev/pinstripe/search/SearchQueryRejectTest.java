package dev.pinstripe.search;

import static dev.pinstripe.search.TestFields.CHARGES;
import static dev.pinstripe.search.TestFields.CUSTOMERS;
import static dev.pinstripe.search.TestFields.PAYMENT_INTENTS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Queries that are refused, and what the caller is told. */
class SearchQueryRejectTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String query, SearchFields fields) {
        return assertThatThrownBy(() -> SearchQuery.parse(query, fields)).isInstanceOf(SearchQueryException.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String query) {
        return assertRejected(query, CUSTOMERS);
    }

    @Test
    void unknownFieldIsRejectedWithStripesMessage() {
        assertRejected("foo:'bar'").hasMessage("Field `foo` is an unsupported search field for resource `customers`."
                + " See http://stripe.com/docs/search#query-fields-for-customers for a list of supported fields.");
    }

    @Test
    void unknownFieldMessageLinksToTheResourcesAnchor() {
        assertRejected("email:'a@b.com'", PAYMENT_INTENTS)
                .hasMessageContaining("for resource `payment_intents`")
                .hasMessageContaining("#query-fields-for-payment-intents ");
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        assertRejected("Email:'a@b.com'").hasMessageStartingWith("Field `Email` is an unsupported search field");
    }

    @Test
    void metadataOnResourceWithoutMetadataIsAnUnknownField() {
        SearchFields noMetadata = SearchFields.builder("things").text("name").build();

        assertRejected("metadata['k']:'v'", noMetadata).hasMessageStartingWith("Field `metadata` is an unsupported");
    }

    @Test
    void metadataWithoutKeyIsRejected() {
        assertRejected("metadata:'v'").hasMessageContaining("Name the metadata key");
    }

    @Test
    void emptyMetadataKeyIsRejected() {
        assertRejected("metadata['']:'v'").hasMessageContaining("metadata key at character 10 is empty");
    }

    @Test
    void unquotedMetadataKeyIsRejected() {
        assertRejected("metadata[key]:'v'").hasMessageContaining("Expected a quoted key after `metadata[`");
    }

    @Test
    void unclosedMetadataBracketIsRejected() {
        assertRejected("metadata['key':'v'").hasMessageContaining("Expected `]` after the metadata key");
    }

    @Test
    void syntaxErrorsStartLikeStripesAndCarryItsHint() {
        // Stripe answers `asdf` with "We were unable to parse your search query. Try using the format ...".
        assertRejected("asdf")
                .hasMessageStartingWith("We were unable to parse your search query.")
                .hasMessageContaining("Expected an operator (:, ~, >, <, >= or <=) after `asdf` at the end of the query.")
                .hasMessageEndingWith("Try using the format `metadata[\"key\"]:\"value\"` to query for metadata or"
                        + " key:\"value\" to query for other fields.");
    }

    @Test
    void substringWithFewerThanThreeCharactersIsRejected() {
        assertRejected("email~'am'")
                .hasMessage("The substring to search for in `email` must be at least 3 characters long.");
    }

    @Test
    void emptySubstringIsRejected() {
        assertRejected("name~''").hasMessageContaining("at least 3 characters");
    }

    @Test
    void substringOnNumericFieldIsRejected() {
        assertRejected("created~'162'").hasMessage(
                "The `~` operator isn't supported for `created`, which is a numeric field; use `:`, `>`, `>=`, `<`, `<=`.");
    }

    @Test
    void substringOnTokenFieldIsRejected() {
        assertRejected("currency~'usd'", PAYMENT_INTENTS)
                .hasMessage("The `~` operator isn't supported for `currency`, which is a token field; use `:`.");
    }

    @Test
    void substringOnMetadataIsRejected() {
        // Stripe types metadata as a token, which takes exact matches only.
        assertRejected("metadata['k']~'abc'")
                .hasMessage("The `~` operator isn't supported for `metadata[\"k\"]`, which is a token field; use `:`.");
    }

    @ParameterizedTest
    @ValueSource(strings = {">", ">=", "<", "<="})
    void rangeOperatorOnTextFieldIsRejected(String symbol) {
        assertRejected("email" + symbol + "'a@b.com'").hasMessage("The `" + symbol
                + "` operator isn't supported for `email`, which is a string field; use `:`, `~`.");
    }

    @Test
    void rangeOperatorOnTextFieldIsRejectedEvenWithNumber() {
        assertRejected("name>5").hasMessageContaining("isn't supported for `name`");
    }

    @Test
    void textValueOnNumericFieldIsRejected() {
        assertRejected("created>'yesterday'").hasMessage(
                "The value for `created` must be a whole number of seconds since the Unix epoch, as in `created>1620310503`.");
    }

    @Test
    void decimalIsRejected() {
        assertRejected("created>10.5").hasMessageContaining("has a fraction; only whole numbers are supported");
        assertRejected("amount:'10.5'", PAYMENT_INTENTS).hasMessageContaining("must be a whole number");
    }

    @Test
    void numberBeyondLongIsRejected() {
        assertRejected("created>9223372036854775808").hasMessage("The value for `created` is out of range.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'yes'", "'1'", "'t'", "''", "' true'", "1", "0"})
    void booleanFieldTakesOnlyTrueAndFalse(String value) {
        assertRejected("disputed:" + value, CHARGES)
                .hasMessage("The value for `disputed` must be \"true\" or \"false\", as in `disputed:\"true\"`.");
    }

    @Test
    void bareTrueIsASyntaxError() {
        // Stripe quotes it: disputed:"true". A bare word other than null is not a value.
        assertRejected("disputed:true", CHARGES).hasMessageStartingWith("We were unable to parse your search query.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"~", ">", ">=", "<", "<="})
    void booleanFieldTakesOnlyExactMatch(String symbol) {
        assertRejected("refunded" + symbol + "'true'", CHARGES).hasMessage("The `" + symbol
                + "` operator isn't supported for `refunded`, which is a token field; use `:`.");
    }

    @Test
    void clauseRefusesABooleanValueOtherThanTrueOrFalse() {
        assertThatThrownBy(() -> new Clause(new Target.Field("disputed"), FieldType.BOOLEAN, Operator.EXACT,
                new SearchValue.Text("TRUE"), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullWithRangeOperatorIsRejected() {
        assertRejected("created>null").hasMessage("`null` can only follow `:`, as in `created:null`.");
    }

    @Test
    void nullWithSubstringOperatorIsRejected() {
        assertRejected("email~null").hasMessageContaining("`null` can only follow `:`");
    }

    @Test
    void unquotedStringIsRejected() {
        assertRejected("email:amy@rocketrides.io").hasMessageContaining(
                "The value after `email:` at character 7 must be quoted: only numbers and null may be written without quotes.");
    }

    @Test
    void mixingAndWithOrIsRejected() {
        assertRejected("name:'a' AND name:'b' OR name:'c'")
                .hasMessage("We were unable to parse your search query. You can't combine AND and OR in the same query.");
    }

    @Test
    void mixingImplicitAndWithOrIsRejected() {
        assertRejected("name:'a' name:'b' OR name:'c'").hasMessageContaining("You can't combine AND and OR");
        assertRejected("name:'a' OR name:'b' name:'c'").hasMessageContaining("You can't combine AND and OR");
    }

    @Test
    void elevenClausesAreRejected() {
        String query = String.join(" AND ", Collections.nCopies(SearchQuery.MAX_CLAUSES + 1, "name:'x'"));

        assertRejected(query).hasMessage(
                "We were unable to parse your search query. You can combine up to 10 query clauses in a search.");
    }

    @Test
    void queryLongerThanTheLimitIsRejectedBeforeParsing() {
        String query = "name:'" + "a".repeat(SearchQuery.MAX_QUERY_LENGTH_CHARS) + "'";

        assertRejected(query).hasMessage("We were unable to parse your search query. The query is "
                + query.length() + " characters long; the limit is 10000.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n "})
    void emptyQueryIsRejected(String query) {
        assertRejected(query).hasMessage("We were unable to parse your search query. The query is empty.");
    }

    @Test
    void trailingKeywordIsRejected() {
        assertRejected("name:'a' AND").hasMessageContaining("The query ends with AND at character 10");
        assertRejected("name:'a' or  ").hasMessageContaining("The query ends with OR");
    }

    @Test
    void leadingOrDoubledKeywordIsRejected() {
        assertRejected("AND name:'a'").hasMessageContaining("Expected a clause at character 1, found AND.");
        assertRejected("name:'a' AND OR name:'b'").hasMessageContaining("Expected a clause at character 14, found OR.");
    }

    @Test
    void notKeywordIsNotSupported() {
        assertRejected("NOT email:'a@b.com'").hasMessageContaining("after `NOT`");
    }

    @Test
    void parenthesesAreNotSupported() {
        assertRejected("(name:'a' OR name:'b')").hasMessageContaining("Expected a field name at character 1, found `(`");
    }

    @Test
    void clausesMustBeSeparatedByWhitespace() {
        assertRejected("name:'a'name:'b'").hasMessageContaining(
                "Expected whitespace after the clause ending at character 8, found `n` (U+006E).");
    }

    @Test
    void whitespaceInsideAClauseIsRejected() {
        assertRejected("email: 'a@b.com'").hasMessageContaining("Expected a value after `email:` at character 7.");
        assertRejected("email :'a@b.com'").hasMessageContaining("Expected an operator");
        assertRejected("- email:'a@b.com'").hasMessageContaining("Expected a field name at character 2");
    }

    @Test
    void equalsSignIsNotAnOperator() {
        assertRejected("email='a@b.com'").hasMessageContaining("`=` at character 6 is not an operator; use `:`");
    }

    @Test
    void missingValueAtEndIsRejected() {
        assertRejected("email:").hasMessageContaining("Expected a value after `email:` at character 7.");
    }

    @Test
    void fieldNameEndingInDotIsRejected() {
        assertRejected("payment_method_details.:'x'").hasMessageContaining("Expected a field name after `.`");
    }

    @Test
    void unbalancedQuotesAreRejected() {
        assertRejected("email:'a@b.com").hasMessageContaining(
                "The quoted string starting at character 7 has no closing '.");
        assertRejected("email:\"a@b.com'").hasMessageContaining("has no closing \".");
        assertRejected("email:'a@b.com\\'").hasMessageContaining("has no closing '.");
        assertRejected("email:'a@b.com\\").hasMessageContaining("has no closing '.");
        assertRejected("metadata['k:'v'").hasMessageContaining("Expected `]` after the metadata key");
    }

    @Test
    void doubledQuoteIsNotAnEscape() {
        // SQL's '' escape means nothing here, so the classic injection is just a syntax error.
        assertRejected("email:'x'' OR 1=1 --'").hasMessageContaining("Expected whitespace after the clause");
    }

    @Test
    void nulCharacterIsRejected() {
        assertRejected("name:'a\0b'").hasMessageContaining("a character that isn't allowed (U+0000) at character 8");
    }

    @Test
    void loneSurrogateIsRejected() {
        assertRejected("name:'a\uD800b'").hasMessageContaining("(U+D800)");
        assertRejected("name:'a\uDC00'").hasMessageContaining("(U+DC00)");
        assertRejected("name:'a\uD800").hasMessageContaining("(U+D800)");
    }

    @Test
    void veryLongFieldNameIsShortenedInTheMessage() {
        String field = "f".repeat(500);

        assertRejected(field + ":'x'").hasMessageStartingWith("Field `" + "f".repeat(100) + "…` is an unsupported");
    }

    @Test
    void unexpectedControlCharacterIsNamedByCodePoint() {
        assertRejected("\u0007name:'x'").hasMessageContaining("found U+0007.");
    }
}
