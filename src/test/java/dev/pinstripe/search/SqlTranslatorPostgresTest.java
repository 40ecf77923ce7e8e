package dev.pinstripe.search;

import static dev.pinstripe.search.TestFields.CUSTOMERS;
import static dev.pinstripe.search.TestFields.CUSTOMER_COLUMNS;
import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs translated queries against PostgreSQL, through plain JDBC with {@code ?} placeholders and
 * through JDBI with named ones, and checks which customers match.
 */
class SqlTranslatorPostgresTest {

    private static final SqlTranslator TRANSLATOR = new SqlTranslator(CUSTOMERS, CUSTOMER_COLUMNS);
    private static final List<String> ALL = List.of(
            "cus_amy", "cus_empty", "cus_jane", "cus_none", "cus_one", "cus_spaces", "cus_unicode", "cus_wild", "cus_zero");

    private static EmbeddedPostgres postgres;
    private static Jdbi jdbi;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
        jdbi = Jdbi.create(postgres.getPostgresDatabase());
        jdbi.useHandle(handle -> {
            handle.execute("""
                    CREATE TABLE customers (
                        id text PRIMARY KEY,
                        email text,
                        name text,
                        phone text,
                        created bigint NOT NULL,
                        metadata jsonb NOT NULL DEFAULT '{}')""");
            handle.execute("""
                    INSERT INTO customers (id, email, name, phone, created, metadata) VALUES
                    ('cus_amy', 'amy@rocketrides.io', 'Amy Tran', '+15555550100', 1000, '{"order": "A-1", "tier": "Gold"}'),
                    ('cus_jane', 'Jane.Doe@Example.com', 'Jane Doe', NULL, 2000, '{"order": "B-2"}'),
                    ('cus_none', NULL, NULL, NULL, 3000, '{}'),
                    ('cus_one', 'one@x.io', 'One Two Three Four', NULL, 4000, '{}'),
                    ('cus_wild', 'wild@x.io', '50%_off\\deal', NULL, 5000, '{"k": "v"}'),
                    ('cus_zero', 'zero@x.io', 'Zero One Two Three', NULL, 6000, '{}'),
                    ('cus_spaces', 'spaces@x.io', E' one \\t two\\n  three ', NULL, 7000, '{}'),
                    ('cus_empty', '', 'Empty', '', 8000, '{"blank": ""}'),
                    ('cus_unicode', 'zoe@x.io', 'Zoë Yamada 山田 😀', NULL, 9000, '{"city": "Zürich"}')""");
        });
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** The ids matching {@code query}, checking that JDBC and JDBI agree on them. */
    private static List<String> ids(String query) throws SQLException {
        SearchQuery parsed = SearchQuery.parse(query, CUSTOMERS);
        List<String> viaJdbc = idsViaJdbc(TRANSLATOR.translate(parsed));
        SqlFragment named = TRANSLATOR.translate(parsed, "search");
        List<String> viaJdbi = jdbi.withHandle(handle -> handle
                .createQuery("SELECT id FROM customers WHERE " + named.sql() + " ORDER BY id")
                .bindMap(named.namedBindValues())
                .mapTo(String.class)
                .list());
        assertThat(viaJdbi).as("JDBI result for %s", query).isEqualTo(viaJdbc);
        return viaJdbc;
    }

    private static List<String> idsViaJdbc(SqlFragment where) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT id FROM customers WHERE " + where.sql() + " ORDER BY id")) {
            for (int i = 0; i < where.bindValues().size(); i++) {
                statement.setObject(i + 1, where.bindValues().get(i));
            }
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static List<String> allBut(String... excluded) {
        return ALL.stream().filter(id -> !List.of(excluded).contains(id)).toList();
    }

    @Test
    void exactEmailMatchIgnoresCase() throws SQLException {
        assertThat(ids("email:'AMY@RocketRides.io'")).containsExactly("cus_amy");
        assertThat(ids("email:'jane.doe@example.com'")).containsExactly("cus_jane");
    }

    @Test
    void exactEmailMatchNeedsTheWholeAddress() throws SQLException {
        assertThat(ids("email:'amy'")).isEmpty();
        assertThat(ids("email:'rocketrides.io'")).isEmpty();
    }

    @Test
    void exactTextMatchFindsTheWordsInOrderAnywhere() throws SQLException {
        // Stripe: name:"one two three" matches "one two three" and "one two three four".
        assertThat(ids("name:'one two three'")).containsExactly("cus_one", "cus_spaces", "cus_zero");
        assertThat(ids("name:'DOE'")).containsExactly("cus_jane");
    }

    @Test
    void exactTextMatchRespectsWordBoundariesAndOrder() throws SQLException {
        assertThat(ids("name:'one tw'")).isEmpty();
        assertThat(ids("name:'ne two'")).isEmpty();
        assertThat(ids("name:'three two one'")).isEmpty();
    }

    @Test
    void exactTextMatchTreatsRunsOfWhitespaceAsOneSpace() throws SQLException {
        assertThat(ids("name:'  two \t three  '")).containsExactly("cus_one", "cus_spaces", "cus_zero");
    }

    @Test
    void substringMatchIgnoresCase() throws SQLException {
        assertThat(ids("email~'ROCKET'")).containsExactly("cus_amy");
        assertThat(ids("name~'ane D'")).containsExactly("cus_jane");
    }

    @Test
    void substringMatchEscapesLikeWildcards() throws SQLException {
        assertThat(ids("name~'%_o'")).containsExactly("cus_wild");
        assertThat(ids("email~'___'")).isEmpty();
        assertThat(ids("email~'%%%'")).isEmpty();
        assertThat(ids("name~'f\\\\de'")).containsExactly("cus_wild");
    }

    @Test
    void negationKeepsCustomersWithoutAValue() throws SQLException {
        assertThat(ids("-email:'amy@rocketrides.io'")).isEqualTo(allBut("cus_amy"));
        assertThat(ids("-phone~'555'")).isEqualTo(allBut("cus_amy"));
        assertThat(ids("-metadata['order']:'a-1'")).isEqualTo(allBut("cus_amy"));
    }

    @Test
    void nullMatchesMissingAndEmptyValues() throws SQLException {
        assertThat(ids("email:null")).containsExactly("cus_empty", "cus_none");
        assertThat(ids("-email:null")).isEqualTo(allBut("cus_empty", "cus_none"));
    }

    @Test
    void metadataExactMatchIgnoresValueCaseButNotKeyCase() throws SQLException {
        assertThat(ids("metadata['tier']:'gold'")).containsExactly("cus_amy");
        assertThat(ids("metadata[\"order\"]:\"B-2\"")).containsExactly("cus_jane");
        assertThat(ids("metadata['Tier']:'Gold'")).isEmpty();
    }

    @Test
    void metadataNullAsksWhetherTheKeyIsPresent() throws SQLException {
        assertThat(ids("-metadata['order']:null")).containsExactly("cus_amy", "cus_jane");
        assertThat(ids("metadata['order']:null")).isEqualTo(allBut("cus_amy", "cus_jane"));
        assertThat(ids("metadata['blank']:null")).isEqualTo(ALL);
    }

    @Test
    void numericComparisonsSelectRanges() throws SQLException {
        assertThat(ids("created>2000 AND created<=5000")).containsExactly("cus_none", "cus_one", "cus_wild");
        assertThat(ids("created:1000")).containsExactly("cus_amy");
        assertThat(ids("created>='8000'")).containsExactly("cus_empty", "cus_unicode");
        assertThat(ids("-created<9000")).containsExactly("cus_unicode");
    }

    @Test
    void orMatchesEitherClause() throws SQLException {
        assertThat(ids("email:'amy@rocketrides.io' OR name:'jane doe' OR created:3000"))
                .containsExactly("cus_amy", "cus_jane", "cus_none");
    }

    @Test
    void implicitAndNarrowsTheMatch() throws SQLException {
        assertThat(ids("name:'two three' -name:'zero' created<7000")).containsExactly("cus_one");
    }

    @Test
    void unicodeValuesMatch() throws SQLException {
        assertThat(ids("name~'山田 😀'")).containsExactly("cus_unicode");
        assertThat(ids("name:'yamada 山田'")).containsExactly("cus_unicode");
        assertThat(ids("metadata['city']:'Zürich'")).containsExactly("cus_unicode");
    }

    @Test
    void sqlInjectionAttemptsMatchNothingAndChangeNothing() throws SQLException {
        assertThat(ids("name:\"x' OR '1'='1\"")).isEmpty();
        assertThat(ids("email~\"' OR 1=1 --\"")).isEmpty();
        assertThat(ids("metadata[\"x') OR 1=1 --\"]:'v'")).isEmpty();
        assertThat(ids("-metadata[\"order'); DROP TABLE customers; --\"]:null")).isEmpty();
        assertThat(ids("name:'Robert\\'); DROP TABLE customers; --'")).isEmpty();
        assertThat(ids("created>0")).isEqualTo(ALL);
    }
}
