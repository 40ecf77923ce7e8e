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
