package dev.pinstripe.search;

import static dev.pinstripe.search.TestFields.CUSTOMERS;
import static dev.pinstripe.search.TestFields.CUSTOMER_COLUMNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SQL text and bind values produced; {@link SqlTranslatorPostgresTest} checks what they match. */
class SqlTranslatorTest {

    private static final SqlTranslator TRANSLATOR = new SqlTranslator(CUSTOMERS, CUSTOMER_COLUMNS);

    private static SqlFragment translate(String query) {
        return TRANSLATOR.translate(SearchQuery.parse(query, CUSTOMERS));
    }

    @Test
    void exactTextMatchComparesLowerCasedWordSequences() {
        SqlFragment sql = translate("email:'Amy@RocketRides.io'");

        assertThat(sql.sql()).isEqualTo("((strpos("
                + "(' ' || btrim(regexp_replace(lower(email), '[[:space:]]+', ' ', 'g')) || ' '), "
                + "(' ' || btrim(regexp_replace(lower(CAST(? AS text)), '[[:space:]]+', ' ', 'g')) || ' ')) > 0))");
        assertThat(sql.bindValues()).containsExactly("Amy@RocketRides.io");
    }

    @Test
    void substringMatchIsCaseInsensitiveLike() {
        SqlFragment sql = translate("name~'Jan'");

        assertThat(sql.sql()).isEqualTo("((lower(name) LIKE lower(CAST(? AS text))))");
        assertThat(sql.bindValues()).containsExactly("%Jan%");
    }

    @Test
    void substringMatchEscapesLikeWildcards() {
        SqlFragment sql = translate("email~'50%_off\\\\now'");

        assertThat(sql.bindValues()).containsExactly("%50\\%\\_off\\\\now%");
    }

    @Test
    void likeEscapingLeavesOtherCharactersAlone() {
        assertThat(SqlTranslator.escapeLike("a'b\"c*d?[e]")).isEqualTo("a'b\"c*d?[e]");
        assertThat(SqlTranslator.escapeLike("%%__\\\\")).isEqualTo("\\%\\%\\_\\_\\\\\\\\");
    }

    @Test
    void numericComparisonsBindLongs() {
        assertThat(translate("created>1620310503").sql()).isEqualTo("((created > CAST(? AS bigint)))");
        assertThat(translate("created>=1").sql()).isEqualTo("((created >= CAST(? AS bigint)))");
        assertThat(translate("created<1").sql()).isEqualTo("((created < CAST(? AS bigint)))");
        assertThat(translate("created<=1").sql()).isEqualTo("((created <= CAST(? AS bigint)))");
        assertThat(translate("created:1").sql()).isEqualTo("((created = CAST(? AS bigint)))");
        assertThat(translate("created>1620310503").bindValues()).containsExactly(1620310503L);
    }

    @Test
    void metadataExactMatchBindsKeyThenValue() {
        SqlFragment sql = translate("metadata['order_id']:'6735'");

        assertThat(sql.sql()).isEqualTo(
                "((lower((metadata ->> CAST(? AS text))) = lower(CAST(? AS text))))");
        assertThat(sql.bindValues()).containsExactly("order_id", "6735");
    }

    @Test
    void tokenExactMatchComparesWholeLowerCasedValues() {
        SearchFields fields = SearchFields.builder("payment_intents").token("currency").build();
        SqlTranslator translator = new SqlTranslator(fields, SqlColumns.builder().column("currency", "currency").build());

        SqlFragment sql = translator.translate(SearchQuery.parse("currency:'USD'", fields));

        assertThat(sql.sql()).isEqualTo("((lower(currency) = lower(CAST(? AS text))))");
        assertThat(sql.bindValues()).containsExactly("USD");
    }

    @Test
    void nullMatchesEmptyTextAndAbsentMetadata() {
        assertThat(translate("email:null").sql()).isEqualTo("((coalesce(email, '') = ''))");
        assertThat(translate("created:null").sql()).isEqualTo("((created IS NULL))");
        assertThat(translate("metadata['k']:null").sql()).isEqualTo("((coalesce((metadata ->> CAST(? AS text)), '') = ''))");
        assertThat(translate("email:null").bindValues()).isEmpty();
    }

    @Test
    void booleanMatchBindsTrueOrFalseAsText() {
        SqlTranslator translator = new SqlTranslator(TestFields.CHARGES, TestFields.CHARGE_COLUMNS);

        SqlFragment sql = translator.translate(SearchQuery.parse("disputed:'TRUE' -refunded:'false'", TestFields.CHARGES));

        assertThat(sql.sql()).isEqualTo("((disputed = CAST(? AS boolean)) AND (((CASE WHEN amount_refunded = 0 THEN NULL"
                + " ELSE amount_refunded = amount END) = CAST(? AS boolean)) IS NOT TRUE))");
        assertThat(sql.bindValues()).containsExactly("true", "false");
    }

    @Test
    void booleanNullIsIsNull() {
        SqlTranslator translator = new SqlTranslator(TestFields.CHARGES, TestFields.CHARGE_COLUMNS);

        SqlFragment sql = translator.translate(SearchQuery.parse("disputed:null", TestFields.CHARGES));

        assertThat(sql.sql()).isEqualTo("((disputed IS NULL))");
        assertThat(sql.bindValues()).isEmpty();
    }

    @Test
    void jsonTextColumnsFollowTheKeysAndEndInTheTextOperator() {
        SqlTranslator translator = new SqlTranslator(TestFields.CHARGES, TestFields.CHARGE_COLUMNS);

        SqlFragment sql = translator.translate(SearchQuery.parse(
                "billing_details.address.postal_code:'94107' payment_method_details.card.last4:4242", TestFields.CHARGES));

        assertThat(sql.sql()).isEqualTo("((lower((details -> 'billing_details' -> 'address' ->> 'postal_code'))"
                + " = lower(CAST(? AS text))) AND (lower((details -> 'payment_method_details' ->> 'last4'))"
                + " = lower(CAST(? AS text))))");
        assertThat(sql.bindValues()).containsExactly("94107", "4242");
    }

    @Test
    void jsonTextRefusesKeysThatAreNotPlainWords() {
        for (String bad : List.of("a'b", "a b", "", "a-b", "a:b", "a?b")) {
            assertThatThrownBy(() -> SqlColumns.builder().jsonText("f", "details", "x", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SqlColumns.builder().jsonText("f", "details"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlColumns.builder().jsonText("f", "details; drop", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void absentColumnsAreTypedNulls() {
        SqlColumns columns = SqlColumns.builder().absent("t", FieldType.TOKEN).absent("n", FieldType.NUMBER)
                .absent("b", FieldType.BOOLEAN).build();

        assertThat(columns.column("t")).contains("(CAST(NULL AS text))");
        assertThat(columns.column("n")).contains("(CAST(NULL AS bigint))");
        assertThat(columns.column("b")).contains("(CAST(NULL AS boolean))");
    }

    @Test
    void expressionsOtherThanColumnNamesAreParenthesised() {
        SqlColumns columns = SqlColumns.builder().column("a", "amount").column("q", "c.amount")
                .column("s", "amount_refunded + amount_released").column("p", " (x) ").metadata("coalesce(m, '{}')")
                .build();

        assertThat(columns.column("a")).contains("amount");
        assertThat(columns.column("q")).contains("c.amount");
        assertThat(columns.column("s")).contains("(amount_refunded + amount_released)");
        assertThat(columns.column("p")).contains("((x))");
        assertThat(columns.metadata()).contains("(coalesce(m, '{}'))");
    }

    @Test
    void aDerivedNumberKeepsItsMeaningNextToAnOperator() {
        SearchFields fields = SearchFields.builder("charges").number("refunded_total").build();
        SqlTranslator translator = new SqlTranslator(fields,
                SqlColumns.builder().column("refunded_total", "amount_refunded + amount_released").build());

        assertThat(translator.translate(SearchQuery.parse("refunded_total>5", fields)).sql())
                .isEqualTo("(((amount_refunded + amount_released) > CAST(? AS bigint)))");
        assertThat(translator.translate(SearchQuery.parse("refunded_total:null", fields)).sql())
                .isEqualTo("(((amount_refunded + amount_released) IS NULL))");
    }

    @Test
    void negationKeepsRowsWhereTheClauseIsNull() {
        SqlFragment sql = translate("-email~'abc'");

        assertThat(sql.sql()).isEqualTo("(((lower(email) LIKE lower(CAST(? AS text))) IS NOT TRUE))");
    }

    @Test
    void clausesAreJoinedWithTheQueryConnective() {
        assertThat(translate("created>1 AND created<5").sql())
                .isEqualTo("((created > CAST(? AS bigint)) AND (created < CAST(? AS bigint)))");
        assertThat(translate("created:1 OR -created:5").sql())
                .isEqualTo("((created = CAST(? AS bigint)) OR ((created = CAST(? AS bigint)) IS NOT TRUE))");
    }

    @Test
    void bindValuesFollowPlaceholderOrder() {
        SqlFragment sql = translate("name~'abc' metadata['k']:'v' created>7 -metadata['n']:null email:'e@x.io'");

        assertThat(sql.bindValues()).containsExactly("%abc%", "k", "v", 7L, "n", "e@x.io");
        assertThat(sql.sql().chars().filter(c -> c == '?').count()).isEqualTo(6);
    }

    @Test
    void namedPlaceholdersCarryThePrefixAndIndex() {
        SqlFragment sql = TRANSLATOR.translate(SearchQuery.parse("metadata['k']:'v' OR created>7", CUSTOMERS), "search");

        assertThat(sql.sql()).isEqualTo("((lower((metadata ->> CAST(:search0 AS text))) = lower(CAST(:search1 AS text))) OR"
                + " (created > CAST(:search2 AS bigint)))");
        assertThat(sql.bindNames()).containsExactly("search0", "search1", "search2");
        assertThat(sql.namedBindValues())
                .containsExactly(entry("search0", "k"), entry("search1", "v"), entry("search2", 7L));
    }

    @Test
    void positionalFragmentHasNoNamedValues() {
        assertThatThrownBy(() -> translate("created>1").namedBindValues()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void bindNamePrefixMustBeAnIdentifier() {
        SearchQuery query = SearchQuery.parse("created>1", CUSTOMERS);

        assertThatThrownBy(() -> TRANSLATOR.translate(query, "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TRANSLATOR.translate(query, "1a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void translatorRefusesFieldsWithoutColumns() {
        SqlColumns missingPhone = SqlColumns.builder().column("email", "email").column("name", "name")
                .column("created", "created").metadata("metadata").build();
        SqlColumns missingMetadata = SqlColumns.builder().column("email", "email").column("name", "name")
                .column("phone", "phone").column("created", "created").build();

        assertThatThrownBy(() -> new SqlTranslator(CUSTOMERS, missingPhone))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone");
        assertThatThrownBy(() -> new SqlTranslator(CUSTOMERS, missingMetadata))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
    }

    @Test
    void translatorRefusesClausesForAnotherResourcesFields() {
        SearchQuery amount = SearchQuery.parse("amount>5", TestFields.PAYMENT_INTENTS);

        assertThatThrownBy(() -> TRANSLATOR.translate(amount)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void columnExpressionsMayBeQualified() {
        SqlColumns qualified = SqlColumns.builder().column("email", "c.email").column("name", "c.name")
                .column("phone", "c.phone").column("created", "c.created").metadata("c.metadata").build();

        SqlFragment sql = new SqlTranslator(CUSTOMERS, qualified).translate(SearchQuery.parse("created>1", CUSTOMERS));

        assertThat(sql.sql()).isEqualTo("((c.created > CAST(? AS bigint)))");
    }

    @Test
    void columnExpressionsWithPlaceholderCharactersAreRefused() {
        for (String bad : List.of("email = ?", "email::text", "email; drop", " ")) {
            assertThatThrownBy(() -> SqlColumns.builder().column("email", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void fieldsBuilderRefusesBadDeclarations() {
        assertThatThrownBy(() -> SearchFields.builder("customers").text("email").text("email"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchFields.builder("customers").text("metadata"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchFields.builder("customers").text("e mail"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchFields.builder("Customers")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchFields.builder("customers").build()).isInstanceOf(IllegalStateException.class);
    }
}
