package dev.pinstripe.search;

import static dev.pinstripe.search.TestFields.CHARGES;
import static dev.pinstripe.search.TestFields.CHARGE_COLUMNS;
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
 * Runs translated charge queries against PostgreSQL: boolean fields, a derived boolean that is
 * NULL for charges never refunded, and token fields read from a jsonb column.
 */
class SqlTranslatorChargesPostgresTest {

    private static final SqlTranslator TRANSLATOR = new SqlTranslator(CHARGES, CHARGE_COLUMNS);
    private static final List<String> ALL = List.of("ch_full", "ch_part", "ch_plain", "ch_zero");

    private static EmbeddedPostgres postgres;
    private static Jdbi jdbi;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
        jdbi = Jdbi.create(postgres.getPostgresDatabase());
        jdbi.useHandle(handle -> {
            handle.execute("""
                    CREATE TABLE charges (
                        id text PRIMARY KEY,
                        amount bigint NOT NULL,
                        amount_refunded bigint NOT NULL,
                        created bigint NOT NULL,
                        disputed boolean NOT NULL,
                        status text NOT NULL,
                        metadata jsonb NOT NULL DEFAULT '{}',
                        details jsonb NOT NULL)""");
            handle.execute("""
                    INSERT INTO charges (id, amount, amount_refunded, created, disputed, status, details) VALUES
                    ('ch_plain', 1000, 0, 1, false, 'succeeded',
                     '{"billing_details": {"address": {"postal_code": "94107"}},
                       "payment_method_details": {"last4": "4242", "exp_month": 12}}'),
                    ('ch_full', 2000, 2000, 2, false, 'succeeded',
                     '{"billing_details": null, "payment_method_details": {"last4": "4444", "exp_month": 1}}'),
                    ('ch_part', 3000, 1000, 3, true, 'succeeded', '{}'),
                    ('ch_zero', 4000, 0, 4, false, 'failed',
                     '{"billing_details": {"address": null}, "payment_method_details": {"last4": "0042", "exp_month": 3}}')
                    """);
        });
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    /** The ids matching {@code query}, checking that JDBC and JDBI agree on them. */
    private static List<String> ids(String query) throws SQLException {
        SearchQuery parsed = SearchQuery.parse(query, CHARGES);
        List<String> viaJdbc = idsViaJdbc(TRANSLATOR.translate(parsed));
        SqlFragment named = TRANSLATOR.translate(parsed, "search");
        List<String> viaJdbi = jdbi.withHandle(handle -> handle
                .createQuery("SELECT id FROM charges WHERE " + named.sql() + " ORDER BY id")
                .bindMap(named.namedBindValues())
                .mapTo(String.class)
                .list());
        assertThat(viaJdbi).as("JDBI result for %s", query).isEqualTo(viaJdbc);
        return viaJdbc;
    }

    private static List<String> idsViaJdbc(SqlFragment where) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT id FROM charges WHERE " + where.sql() + " ORDER BY id")) {
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
    void booleanFieldMatchesTrueAndFalse() throws SQLException {
        assertThat(ids("disputed:'true'")).containsExactly("ch_part");
        assertThat(ids("disputed:'FALSE'")).isEqualTo(allBut("ch_part"));
        assertThat(ids("-disputed:'true'")).isEqualTo(allBut("ch_part"));
        assertThat(ids("disputed:null")).isEmpty();
        assertThat(ids("-disputed:null")).isEqualTo(ALL);
    }

    @Test
    void derivedBooleanThatMayBeNullFollowsStripesRefundedRule() throws SQLException {
        // Stripe: "true" is fully refunded, "false" partly refunded, null not refunded at all.
        assertThat(ids("refunded:'true'")).containsExactly("ch_full");
        assertThat(ids("refunded:'false'")).containsExactly("ch_part");
        assertThat(ids("refunded:null")).containsExactly("ch_plain", "ch_zero");
        assertThat(ids("-refunded:null")).containsExactly("ch_full", "ch_part");
        // Negation keeps the rows where the field is NULL.
        assertThat(ids("-refunded:'true'")).isEqualTo(allBut("ch_full"));
        assertThat(ids("-refunded:'false'")).isEqualTo(allBut("ch_part"));
    }

    @Test
    void jsonPathFieldsMatchTheValueAndAreNullWhereAnyStepIsMissing() throws SQLException {
        assertThat(ids("billing_details.address.postal_code:'94107'")).containsExactly("ch_plain");
        // JSON null, a missing key and a null address all read as null.
        assertThat(ids("billing_details.address.postal_code:null")).isEqualTo(allBut("ch_plain"));
        assertThat(ids("-billing_details.address.postal_code:'94107'")).isEqualTo(allBut("ch_plain"));
        assertThat(ids("payment_method_details.card.last4:0042")).containsExactly("ch_zero");
        assertThat(ids("payment_method_details.card.last4:'4444' OR payment_method_details.card.last4:'4242'"))
                .containsExactly("ch_full", "ch_plain");
        assertThat(ids("payment_method_details.card.last4:null")).containsExactly("ch_part");
    }

    @Test
    void jsonNumbersMatchAsTheirText() throws SQLException {
        assertThat(ids("payment_method_details.card.exp_month:12")).containsExactly("ch_plain");
        assertThat(ids("payment_method_details.card.exp_month:'3'")).containsExactly("ch_zero");
        assertThat(ids("payment_method_details.card.exp_month:'03'")).isEmpty();
    }

    @Test
    void absentFieldsMatchOnlyNull() throws SQLException {
        assertThat(ids("payment_method_details.card_present.last4:'4242'")).isEmpty();
        assertThat(ids("payment_method_details.card_present.last4:null")).isEqualTo(ALL);
        assertThat(ids("-payment_method_details.card_present.last4:'4242'")).isEqualTo(ALL);
    }

    @Test
    void booleansCombineWithOtherFields() throws SQLException {
        assertThat(ids("disputed:'false' AND status:'succeeded' AND amount>=2000")).containsExactly("ch_full");
        assertThat(ids("refunded:'true' OR status:'failed'")).containsExactly("ch_full", "ch_zero");
    }
}
