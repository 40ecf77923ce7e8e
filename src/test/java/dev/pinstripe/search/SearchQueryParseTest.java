package dev.pinstripe.search;

import static dev.pinstripe.search.TestFields.CHARGES;
import static dev.pinstripe.search.TestFields.CUSTOMERS;
import static dev.pinstripe.search.TestFields.PAYMENT_INTENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Queries that parse, and what they parse to. */
class SearchQueryParseTest {

    private static Clause onlyClause(String query, SearchFields fields) {
        SearchQuery parsed = SearchQuery.parse(query, fields);
        assertThat(parsed.clauses()).hasSize(1);
        return parsed.clauses().getFirst();
    }

    @Test
    void exactMatchOnTextFieldParsesToTextClause() {
        Clause clause = onlyClause("email:\"amy@rocketrides.io\"", CUSTOMERS);

        assertThat(clause).isEqualTo(new Clause(new Target.Field("email"), FieldType.TEXT, Operator.EXACT,
                new SearchValue.Text("amy@rocketrides.io"), false));
    }

    @Test
    void singleAndDoubleQuotesAreEquivalent() {
        assertThat(SearchQuery.parse("name:'Jane Doe'", CUSTOMERS))
                .isEqualTo(SearchQuery.parse("name:\"Jane Doe\"", CUSTOMERS));
    }

    @Test
    void substringMatchOnTextFieldParses() {
        Clause clause = onlyClause("email~\"amy\"", CUSTOMERS);

        assertThat(clause.operator()).isEqualTo(Operator.SUBSTRING);
        assertThat(clause.value()).isEqualTo(new SearchValue.Text("amy"));
    }

    @Test
    void substringOfExactlyThreeCharactersIsAccepted() {
        assertThat(onlyClause("phone~'555'", CUSTOMERS).value()).isEqualTo(new SearchValue.Text("555"));
    }

    @Test
    void substringLengthCountsCodePointsNotChars() {
        // Three emoji are six UTF-16 chars but three characters.
        assertThat(onlyClause("name~'😀😀😀'", CUSTOMERS).value()).isEqualTo(new SearchValue.Text("😀😀😀"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ">", ">=", "<", "<="})
    void everyNumericOperatorParsesOnTimestampField(String symbol) {
        Clause clause = onlyClause("created" + symbol + "1620310503", CUSTOMERS);

        assertThat(clause.operator().symbol()).isEqualTo(symbol);
        assertThat(clause.type()).isEqualTo(FieldType.TIMESTAMP);
        assertThat(clause.value()).isEqualTo(new SearchValue.Numeric(1620310503L));
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ">", ">=", "<", "<="})
    void everyNumericOperatorParsesOnNumberField(String symbol) {
        Clause clause = onlyClause("amount" + symbol + "1000", PAYMENT_INTENTS);

        assertThat(clause.operator().symbol()).isEqualTo(symbol);
        assertThat(clause.type()).isEqualTo(FieldType.NUMBER);
    }

    @Test
    void quotedNumberIsAcceptedForNumericField() {
        // Stripe's own example: amount>="10".
        assertThat(onlyClause("amount>=\"10\"", PAYMENT_INTENTS).value()).isEqualTo(new SearchValue.Numeric(10));
    }

    @Test
    void negativeNumberIsAccepted() {
        assertThat(onlyClause("amount>-5", PAYMENT_INTENTS).value()).isEqualTo(new SearchValue.Numeric(-5));
    }

    @Test
    void largestLongIsAccepted() {
        assertThat(onlyClause("amount<9223372036854775807", PAYMENT_INTENTS).value())
                .isEqualTo(new SearchValue.Numeric(Long.MAX_VALUE));
    }

    @Test
    void tokenFieldTakesExactMatch() {
        Clause clause = onlyClause("currency:'usd'", PAYMENT_INTENTS);

        assertThat(clause.type()).isEqualTo(FieldType.TOKEN);
        assertThat(clause.value()).isEqualTo(new SearchValue.Text("usd"));
    }

    @Test
    void bareNumberOnTokenFieldKeepsItsLeadingZeros() {
        // Stripe: "payment_method_details.card.last4:1234 means quotes are optional".
        Clause clause = onlyClause("payment_method_details.card.last4:0042", PAYMENT_INTENTS);

        assertThat(clause.target()).isEqualTo(new Target.Field("payment_method_details.card.last4"));
        assertThat(clause.value()).isEqualTo(new SearchValue.Text("0042"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'true'", "\"true\"", "'TRUE'", "'True'"})
    void booleanFieldTakesTrueInAnyCase(String value) {
        Clause clause = onlyClause("disputed:" + value, CHARGES);

        assertThat(clause).isEqualTo(new Clause(new Target.Field("disputed"), FieldType.BOOLEAN, Operator.EXACT,
                new SearchValue.Text("true"), false));
    }

    @Test
    void booleanFieldTakesFalseNullAndNegation() {
        assertThat(onlyClause("refunded:'False'", CHARGES).value()).isEqualTo(new SearchValue.Text("false"));
        assertThat(onlyClause("refunded:null", CHARGES).value()).isEqualTo(new SearchValue.Null());
        assertThat(onlyClause("-refunded:'true'", CHARGES).negated()).isTrue();
    }

    @Test
    void booleanClauseRoundTripsInCanonicalForm() {
        SearchQuery query = SearchQuery.parse("disputed:'TRUE' AND -refunded:null", CHARGES);

        assertThat(query.toQueryString()).isEqualTo("disputed:\"true\" AND -refunded:null");
        assertThat(SearchQuery.parse(query.toQueryString(), CHARGES)).isEqualTo(query);
    }

    @Test
    void jsonPathFieldsAreTokens() {
        Clause clause = onlyClause("billing_details.address.postal_code:94107", CHARGES);

        assertThat(clause.type()).isEqualTo(FieldType.TOKEN);
        assertThat(clause.value()).isEqualTo(new SearchValue.Text("94107"));
    }

    @Test
    void metadataWithSingleQuotedKeyParses() {
        Clause clause = onlyClause("metadata['order_id']:'6735'", CUSTOMERS);

        assertThat(clause).isEqualTo(new Clause(new Target.Metadata("order_id"), FieldType.TOKEN, Operator.EXACT,
                new SearchValue.Text("6735"), false));
    }

    @Test
    void metadataWithDoubleQuotedKeyParses() {
        assertThat(onlyClause("metadata[\"donation-id\"]:\"asdf-jkl\"", CUSTOMERS).target())
                .isEqualTo(new Target.Metadata("donation-id"));
    }

    @Test
    void metadataKeyMayHoldEscapedQuotesAndSpaces() {
        assertThat(onlyClause("metadata['it\\'s a key']:'v'", CUSTOMERS).target())
                .isEqualTo(new Target.Metadata("it's a key"));
    }

    @Test
    void negationIsRecordedOnTheClause() {
        Clause clause = onlyClause("-email:'a@b.com'", CUSTOMERS);

        assertThat(clause.negated()).isTrue();
        assertThat(clause.value()).isEqualTo(new SearchValue.Text("a@b.com"));
    }

    @Test
    void nullParsesAsNullValueInAnyCase() {
        assertThat(onlyClause("email:null", CUSTOMERS).value()).isEqualTo(new SearchValue.Null());
        assertThat(onlyClause("email:NULL", CUSTOMERS).value()).isEqualTo(new SearchValue.Null());
        assertThat(onlyClause("created:Null", CUSTOMERS).value()).isEqualTo(new SearchValue.Null());
    }

    @Test
    void quotedNullIsTheTextNull() {
        assertThat(onlyClause("name:'null'", CUSTOMERS).value()).isEqualTo(new SearchValue.Text("null"));
    }

    @Test
    void negatedMetadataNullAsksForKeyPresence() {
        // Stripe: -metadata["donation-id"]:null matches records that have the key.
        Clause clause = onlyClause("-metadata[\"donation-id\"]:null", CUSTOMERS);

        assertThat(clause.negated()).isTrue();
        assertThat(clause.value()).isEqualTo(new SearchValue.Null());
    }

    @Test
    void backslashEscapesQuotesAndItself() {
        // Stripe: description:"the story called \"The Sky and the Sea.\""
        assertThat(onlyClause("name:\"the story called \\\"The Sky and the Sea.\\\"\"", CUSTOMERS).value())
                .isEqualTo(new SearchValue.Text("the story called \"The Sky and the Sea.\""));
        assertThat(onlyClause("name:'back\\\\slash'", CUSTOMERS).value()).isEqualTo(new SearchValue.Text("back\\slash"));
    }

    @Test
    void otherQuoteCharacterNeedsNoEscape() {
        assertThat(onlyClause("name:\"O'Brien\"", CUSTOMERS).value()).isEqualTo(new SearchValue.Text("O'Brien"));
        assertThat(onlyClause("name:'say \"hi\"'", CUSTOMERS).value()).isEqualTo(new SearchValue.Text("say \"hi\""));
    }

    @Test
    void quotedValueKeepsWhitespaceAndOperatorCharacters() {
        assertThat(onlyClause("name:'  a:b~c AND d  '", CUSTOMERS).value())
                .isEqualTo(new SearchValue.Text("  a:b~c AND d  "));
    }

    @Test
    void emptyQuotedValueIsAllowedForExactMatch() {
        assertThat(onlyClause("name:''", CUSTOMERS).value()).isEqualTo(new SearchValue.Text(""));
    }

    @Test
    void unicodeValuesAreKeptAsWritten() {
        assertThat(onlyClause("name:'Zoë Åström 山田 😀'", CUSTOMERS).value())
                .isEqualTo(new SearchValue.Text("Zoë Åström 山田 😀"));
    }

    @Test
    void clausesSeparatedByWhitespaceAreJoinedWithAnd() {
        SearchQuery query = SearchQuery.parse("email:'a@b.com' metadata['k']:'v'", CUSTOMERS);

        assertThat(query.connective()).isEqualTo(Connective.AND);
        assertThat(query.clauses()).hasSize(2);
    }

    @Test
    void explicitAndJoinsClauses() {
        SearchQuery query = SearchQuery.parse("name:'Jane Doe' AND metadata['foo']:'bar'", CUSTOMERS);

        assertThat(query.connective()).isEqualTo(Connective.AND);
        assertThat(query.clauses()).extracting(Clause::target)
                .containsExactly(new Target.Field("name"), new Target.Metadata("foo"));
    }

    @Test
    void orJoinsClauses() {
        SearchQuery query = SearchQuery.parse("currency:'usd' OR currency:'eur' OR currency:'gbp'", PAYMENT_INTENTS);

        assertThat(query.connective()).isEqualTo(Connective.OR);
        assertThat(query.clauses()).hasSize(3);
    }

    @Test
    void keywordsAreCaseInsensitive() {
        // Stripe documents AND, and, OR, or as all accepted.
        assertThat(SearchQuery.parse("email:'a@b.com' and name:'x'", CUSTOMERS).connective()).isEqualTo(Connective.AND);
        assertThat(SearchQuery.parse("email:'a@b.com' or name:'x'", CUSTOMERS).connective()).isEqualTo(Connective.OR);
        assertThat(SearchQuery.parse("email:'a@b.com' Or name:'x'", CUSTOMERS).connective()).isEqualTo(Connective.OR);
    }

    @Test
    void implicitAndMixesWithExplicitAnd() {
        SearchQuery query = SearchQuery.parse("name:'a' name:'b' AND name:'c'", CUSTOMERS);

        assertThat(query.connective()).isEqualTo(Connective.AND);
        assertThat(query.clauses()).hasSize(3);
    }

    @Test
    void surroundingAndRepeatedWhitespaceIsIgnored() {
        SearchQuery query = SearchQuery.parse(" \t\n email:'a@b.com' \n AND \t name:'x'  ", CUSTOMERS);

        assertThat(query.toQueryString()).isEqualTo("email:\"a@b.com\" AND name:\"x\"");
    }

    @Test
    void tenClausesAreAccepted() {
        String query = String.join(" OR ", java.util.Collections.nCopies(SearchQuery.MAX_CLAUSES, "name:'x'"));

        assertThat(SearchQuery.parse(query, CUSTOMERS).clauses()).hasSize(10);
    }

    @Test
    void aQueryAtTheLengthLimitIsAccepted() {
        String prefix = "name:'";
        String query = prefix + "a".repeat(SearchQuery.MAX_QUERY_LENGTH_CHARS - prefix.length() - 1) + "'";

        assertThat(query).hasSize(SearchQuery.MAX_QUERY_LENGTH_CHARS);
        assertThat(SearchQuery.parse(query, CUSTOMERS).clauses()).hasSize(1);
    }

    @Test
    void fieldNamedLikeAKeywordIsAFieldWhenNotFollowedByWhitespace() {
        SearchFields fields = SearchFields.builder("things").token("or").token("and").build();

        SearchQuery query = SearchQuery.parse("or:'x' AND and:'y'", fields);

        assertThat(query.clauses()).extracting(Clause::target)
                .containsExactly(new Target.Field("or"), new Target.Field("and"));
    }

    @Test
    void canonicalFormParsesBackToTheSameQuery() {
        List<String> queries = List.of(
                "-email:'a\"b\\\\c' AND name~'Jan' AND created>=10 AND metadata['k\"1']:null",
                "phone:'+1 555' OR -metadata[\"x\"]:'Y' OR created<-3");
        for (String text : queries) {
            SearchQuery query = SearchQuery.parse(text, CUSTOMERS);
            assertThat(SearchQuery.parse(query.toQueryString(), CUSTOMERS)).isEqualTo(query);
        }
    }

    @Test
    void handBuiltClauseRejectsAnOperatorItsTypeLacks() {
        assertThatThrownBy(() -> new Clause(new Target.Field("email"), FieldType.TOKEN, Operator.SUBSTRING,
                new SearchValue.Text("abc"), false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Clause(new Target.Field("created"), FieldType.TIMESTAMP, Operator.EXACT,
                new SearchValue.Text("abc"), false)).isInstanceOf(IllegalArgumentException.class);
    }
}
