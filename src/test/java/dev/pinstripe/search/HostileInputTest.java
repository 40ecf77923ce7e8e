package dev.pinstripe.search;

import static dev.pinstripe.search.TestFields.CUSTOMERS;
import static dev.pinstripe.search.TestFields.CUSTOMER_COLUMNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whatever the caller sends, parsing ends in a {@link SearchQueryException} or a query whose SQL
 * carries every caller-supplied value as a bound parameter.
 */
class HostileInputTest {

    private static final SqlTranslator TRANSLATOR = new SqlTranslator(CUSTOMERS, CUSTOMER_COLUMNS);
    private static final int RANDOM_QUERIES = 20_000;

    // Fixed so that a failure can be replayed; change it to explore other inputs.
    private static final long SEED = 0x5EA7C4L;

    @Test
    void sqlInjectionInAValueBecomesABoundParameter() {
        SqlFragment sql = TRANSLATOR.translate(SearchQuery.parse("email:\"x' OR 1=1 --\"", CUSTOMERS));

        assertThat(sql.sql()).doesNotContain("1=1").doesNotContain("--");
        assertThat(sql.bindValues()).containsExactly("x' OR 1=1 --");
    }

    @Test
    void sqlInjectionInAMetadataKeyBecomesABoundParameter() {
        SqlFragment sql = TRANSLATOR.translate(
                SearchQuery.parse("metadata['a\\') OR true; DROP TABLE customers; --']:'v'", CUSTOMERS));

        assertThat(sql.sql()).doesNotContain("DROP").doesNotContain(";");
        assertThat(sql.bindValues()).containsExactly("a') OR true; DROP TABLE customers; --", "v");
    }

    @Test
    void sqlInjectionInASubstringBecomesABoundParameter() {
        SqlFragment sql = TRANSLATOR.translate(SearchQuery.parse("name~\"'; DELETE FROM customers; --\"", CUSTOMERS));

        assertThat(sql.sql()).doesNotContain("DELETE");
        assertThat(sql.bindValues()).containsExactly("%'; DELETE FROM customers; --%");
    }

    @Test
    void classicQuoteDoublingInjectionIsASyntaxError() {
        assertThatThrownBy(() -> SearchQuery.parse("email:'x'' OR 1=1 --'", CUSTOMERS))
                .isInstanceOf(SearchQueryException.class);
    }

    @Test
    void injectionThroughAFieldNameIsAnUnknownField() {
        assertThatThrownBy(() -> SearchQuery.parse("email;DROP:'x'", CUSTOMERS)).isInstanceOf(SearchQueryException.class);
        assertThatThrownBy(() -> SearchQuery.parse("email--:'x'", CUSTOMERS)).isInstanceOf(SearchQueryException.class);
    }

    @Test
    @Timeout(5)
    void inputJustOverTheLimitIsRejectedQuickly() {
        String query = "name:'" + "\\'".repeat(SearchQuery.MAX_QUERY_LENGTH_CHARS);

        assertThatThrownBy(() -> SearchQuery.parse(query, CUSTOMERS)).isInstanceOf(SearchQueryException.class)
                .hasMessageContaining("the limit is 10000");
    }

    @Test
    @Timeout(5)
    void megabyteInputIsRejectedWithoutParsing() {
        String query = "name:'a' ".repeat(120_000);

        assertThatThrownBy(() -> SearchQuery.parse(query, CUSTOMERS)).isInstanceOf(SearchQueryException.class)
                .hasMessageContaining("characters long; the limit is");
    }

    @Test
    @Timeout(5)
    void pathologicalInputsWithinTheLimitParseInLinearTime() {
        int n = SearchQuery.MAX_QUERY_LENGTH_CHARS;
        List<String> inputs = List.of(
                "-".repeat(n),
                "a.".repeat(n / 2),
                "'".repeat(n),
                "\\".repeat(n),
                "name:'" + "\\".repeat(n - 6),
                "metadata[".repeat(n / 9),
                " AND".repeat(n / 4),
                "name:'a' ".repeat(n / 9),
                "created>" + "9".repeat(n - 8));
        for (String input : inputs) {
            assertThat(input.length()).isLessThanOrEqualTo(n);
            try {
                SearchQuery.parse(input, CUSTOMERS);
            } catch (SearchQueryException expected) {
                // Refusing is fine; the timeout is what this test is about.
            }
        }
    }

    @Test
    void unicodeLookalikesOfSyntaxAreNotSyntax() {
        // Fullwidth colon, fullwidth quote and a non-breaking space are plain characters.
        assertThatThrownBy(() -> SearchQuery.parse("email：'a@b.com'", CUSTOMERS)).isInstanceOf(SearchQueryException.class);
        assertThatThrownBy(() -> SearchQuery.parse("email:＇a@b.com＇", CUSTOMERS)).isInstanceOf(SearchQueryException.class);
        assertThat(SearchQuery.parse("name:'a\u00A0b'", CUSTOMERS).clauses().getFirst().value())
                .isEqualTo(new SearchValue.Text("a\u00A0b"));
    }

    @Test
    void rightToLeftAndZeroWidthCharactersStayInsideTheValue() {
        String value = "\u202Eevil\u200B\uFEFF";

        SqlFragment sql = TRANSLATOR.translate(SearchQuery.parse("name:'" + value + "'", CUSTOMERS));

        assertThat(sql.bindValues()).containsExactly(value);
    }

    @Test
    void randomStringsOnlyEverFailWithSearchQueryException() {
        randomStringsOnlyEverFailWithSearchQueryException(SEED, CUSTOMERS, TRANSLATOR);
    }

    @Test
    void randomStringsAgainstChargeFieldsOnlyEverFailWithSearchQueryException() {
        randomStringsOnlyEverFailWithSearchQueryException(SEED + 2, TestFields.CHARGES,
                new SqlTranslator(TestFields.CHARGES, TestFields.CHARGE_COLUMNS));
    }

    private static void randomStringsOnlyEverFailWithSearchQueryException(long seed, SearchFields fields,
            SqlTranslator translator) {
        Random random = new Random(seed);
        for (int i = 0; i < RANDOM_QUERIES; i++) {
            String query = RandomQueries.next(random);
            try {
                SearchQuery parsed = SearchQuery.parse(query, fields);
                checkTranslation(parsed, translator);
                assertThat(SearchQuery.parse(parsed.toQueryString(), fields)).isEqualTo(parsed);
            } catch (SearchQueryException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (Throwable unexpected) {
                fail("seed " + seed + ", query #" + i + " " + RandomQueries.describe(query) + " threw " + unexpected,
                        unexpected);
            }
        }
    }

    @Test
    void randomStringsParseQuickly() {
        long seed = SEED + 1;
        Random random = new Random(seed);
        long start = System.nanoTime();
        for (int i = 0; i < RANDOM_QUERIES; i++) {
            try {
                SearchQuery.parse(RandomQueries.next(random), CUSTOMERS);
            } catch (SearchQueryException expected) {
                // Only the time matters here.
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("seed " + seed).isLessThan(Duration.ofSeconds(10));
    }

    private static void checkTranslation(SearchQuery query, SqlTranslator translator) {
        SqlFragment positional = translator.translate(query);
        assertThat(positional.sql().chars().filter(c -> c == '?').count()).isEqualTo(positional.bindValues().size());
        // The statement text depends on the query's shape only, never on the caller's values.
        assertThat(positional.sql()).isEqualTo(translator.translate(withPlaceholderValues(query)).sql());
        SqlFragment named = translator.translate(query, "q");
        assertThat(named.bindValues()).isEqualTo(positional.bindValues());
        assertThat(named.sql()).doesNotContain("?");
    }

    private static SearchQuery withPlaceholderValues(SearchQuery query) {
        List<Clause> clauses = query.clauses().stream().map(c -> new Clause(
                c.target() instanceof Target.Metadata ? new Target.Metadata("k") : c.target(),
                c.type(),
                c.operator(),
                switch (c.value()) {
                    case SearchValue.Text ignored -> new SearchValue.Text(c.type() == FieldType.BOOLEAN ? "true" : "xyz");
                    case SearchValue.Numeric ignored -> new SearchValue.Numeric(0);
                    case SearchValue.Null n -> n;
                },
                c.negated())).toList();
        return new SearchQuery(query.connective(), clauses);
    }
}
