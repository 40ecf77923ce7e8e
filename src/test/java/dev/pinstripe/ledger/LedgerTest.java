package dev.pinstripe.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.pinstripe.testing.TestServer;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's own guarantees: append-only, balanced, and verifiable from scratch. */
class LedgerTest {
    static TestServer server;
    static Jdbi jdbi;

    @BeforeAll
    static void start() throws StripeException {
        server = TestServer.start();
        jdbi = server.pinstripe().database().jdbi();
        StripeClient stripe = server.stripe();
        for (String card : List.of("pm_card_visa", "pm_card_createDispute", "pm_card_bypassPending")) {
            PaymentIntent pi = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
                    .setAmount(5000L).setCurrency("eur").setPaymentMethod(card).setConfirm(true).build());
            if (card.equals("pm_card_visa")) {
                stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(pi.getId())
                        .setAmount(1200L).build());
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aLedgerWrittenByTheApiVerifies() {
        List<LedgerVerifier.Check> checks = new LedgerVerifier(jdbi).verify();
        assertThat(checks).hasSizeGreaterThanOrEqualTo(10).allSatisfy(c -> assertThat(c.problems()).isEmpty());
    }

    @Test
    void postingsAndEntriesCannotBeUpdatedOrDeleted() {
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE postings SET amount = amount + 1")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM journal_entries")))
                .hasMessageContaining("append-only");
    }

    @Test
    void anUnbalancedEntryIsRefusedByTheDatabase() {
        assertThatThrownBy(() -> jdbi.useTransaction(h -> {
            String[] any = h.createQuery("SELECT account_id, source_id FROM journal_entries LIMIT 1")
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).one();
            h.execute("INSERT INTO journal_entries (id, account_id, livemode, created, type, reporting_category,"
                    + " source_id, currency, available_on) VALUES ('txn_broken', ?, false, 0, 'adjustment',"
                    + " 'adjustment', ?, 'eur', 0)", any[0], any[1]);
            h.execute("INSERT INTO postings (journal_entry_id, position, account_id, livemode, ledger_account,"
                    + " currency, amount, available_on) VALUES ('txn_broken', 0, ?, false, 'merchant_balance', 'eur',"
                    + " 100, 0), ('txn_broken', 1, ?, false, 'card_network', 'eur', -99, 0)", any[0], any[0]);
        })).hasMessageContaining("does not balance");
    }

    @Test
    void theDatabaseStillRefusesMoneyThatDoesNotAddUp() {
        // V8 dropped the length and ID-shape checks of the write path; the money invariants stay.
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                "UPDATE charges SET amount_refunded = amount_captured + 1 WHERE amount_captured > 0")))
                .hasMessageContaining("charges_check1");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                "UPDATE payment_intents SET amount_received = amount + 1 WHERE amount_received > 0")))
                .hasMessageContaining("payment_intents_check1");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute(
                "UPDATE payment_intents SET status = 'paid' WHERE status = 'succeeded'")))
                .hasMessageContaining("payment_intents_status_check");
    }

    @Test
    void verifyFindsAChargeWhoseRefundsDoNotAddUp() {
        try {
            jdbi.useHandle(h -> h.execute("UPDATE charges SET amount_refunded = amount_refunded + 1"
                    + " WHERE amount_refunded > 0"));
            List<LedgerVerifier.Check> failed = new LedgerVerifier(jdbi).verify().stream()
                    .filter(c -> !c.passed()).toList();
            assertThat(failed).singleElement().satisfies(c -> {
                assertThat(c.name()).contains("refunds");
                assertThat(c.problems()).singleElement().asString().contains("amount_refunded 1201");
            });
        } finally {
            jdbi.useHandle(h -> h.execute("UPDATE charges SET amount_refunded = amount_refunded - 1"
                    + " WHERE amount_refunded > 0"));
        }
    }

    @Test
    void availableOnIsTheFirstMidnightTwoDaysLater() {
        long created = 1_767_225_600L + 3_600; // 2026-01-01T01:00Z
        assertThat(Ledger.availableOn(created, false)).isEqualTo(1_767_225_600L + 3 * 86_400);
        assertThat(Ledger.availableOn(1_767_225_600L, false)).isEqualTo(1_767_225_600L + 2 * 86_400);
        assertThat(Ledger.availableOn(created, true)).isEqualTo(created);
    }

    @Test
    void feesRoundHalfUpAndNeverExceedTheAmount() {
        assertThat(Pricing.DEFAULT.processingFee(2000)).isEqualTo(88);
        assertThat(Pricing.DEFAULT.processingFee(1500)).isEqualTo(74);
        assertThat(Pricing.DEFAULT.processingFee(10)).isEqualTo(10);
        assertThat(Pricing.DEFAULT.processingFee(99_999_999L)).isEqualTo(2_900_030L);
        assertThat(new Pricing(0, 0).processingFee(5000)).isZero();
    }
}
