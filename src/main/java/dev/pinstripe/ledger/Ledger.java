package dev.pinstripe.ledger;

import dev.pinstripe.api.ListRequest;
import dev.pinstripe.api.Page;
import dev.pinstripe.api.Scope;
import dev.pinstripe.ids.Ids;
import dev.pinstripe.money.Currencies;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The double-entry ledger (docs/ledger.md): every money movement of a charge, refund or dispute is
 * written here, inside the caller's transaction, as one balanced journal entry. Balances are sums of
 * postings; nothing is ever updated or deleted.
 */
public final class Ledger {
    /** How long a charge's funds stay pending before they become available. */
    public static final Duration PENDING_PERIOD = Duration.ofDays(2);
    static final long SECONDS_PER_DAY = 86_400;
    /** Stripe's dispute fee: 15 major units of the dispute's currency. */
    static final long DISPUTE_FEE_MAJOR = 15;

    private final Clock clock;
    private final LedgerStore store = new LedgerStore();

    public Ledger(Clock clock) {
        this.clock = clock;
    }

    public Pricing pricing(Handle h, Scope scope) {
        return store.pricing(h, scope);
    }

    /** Sets an account's processing fee (for both modes). */
    public void setPricing(Handle h, String accountId, Pricing pricing) {
        store.setPricing(h, accountId, pricing);
    }

    /**
     * When a charge created at {@code created} becomes available: the first midnight UTC at least
     * {@link #PENDING_PERIOD} later, or at once for cards that bypass the pending balance.
     */
    public static long availableOn(long created, boolean immediately) {
        if (immediately) {
            return created;
        }
        long due = created + PENDING_PERIOD.toSeconds();
        long dayStart = Math.floorDiv(due, SECONDS_PER_DAY) * SECONDS_PER_DAY;
        return dayStart == due ? due : dayStart + SECONDS_PER_DAY;
    }

    /** A captured charge: the cardholder's money arrives; the merchant gets it less the fee. */
    public JournalEntry recordCharge(Handle h, Scope scope, String chargeId, String currency, long amount, long fee,
            long availableOn, String description) {
        // A posting never moves zero: no fee posting when the fee is 0, and no merchant posting when
        // the fee takes the whole amount (Pricing caps the fee at the amount).
        List<JournalEntry.Posting> postings = new ArrayList<>();
        postings.add(JournalEntry.Posting.of(LedgerAccount.CARD_NETWORK, -amount));
        if (amount - fee != 0) {
            postings.add(JournalEntry.Posting.of(LedgerAccount.MERCHANT_BALANCE, amount - fee));
        }
        if (fee != 0) {
            postings.add(new JournalEntry.Posting(LedgerAccount.FEES, fee, "stripe_fee", "Stripe processing fees"));
        }
        return write(h, scope, new JournalEntry(Ids.object("txn_"), now(), "charge", "charge", chargeId, currency,
                availableOn, description, postings));
    }

    /** A refund: the money goes back to the cardholder from the merchant's balance; fees stay. */
    public JournalEntry recordRefund(Handle h, Scope scope, String refundId, String currency, long amount,
            String description) {
        long now = now();
        return write(h, scope, new JournalEntry(Ids.object("txn_"), now, "refund", "refund", refundId, currency, now,
                description, List.of(JournalEntry.Posting.of(LedgerAccount.MERCHANT_BALANCE, -amount),
                        JournalEntry.Posting.of(LedgerAccount.CARD_NETWORK, amount))));
    }

    /** A dispute opens: the disputed amount returns to the cardholder, and the merchant pays the dispute fee. */
    public JournalEntry recordDisputeWithdrawal(Handle h, Scope scope, String disputeId, String chargeId,
            String currency, long amount) {
        long now = now();
        long fee = disputeFee(currency);
        return write(h, scope, new JournalEntry(Ids.object("txn_"), now, "adjustment", "dispute", disputeId, currency,
                now, "Chargeback withdrawal for " + chargeId,
                List.of(JournalEntry.Posting.of(LedgerAccount.MERCHANT_BALANCE, -(amount + fee)),
                        JournalEntry.Posting.of(LedgerAccount.CARD_NETWORK, amount),
                        new JournalEntry.Posting(LedgerAccount.FEES, fee, "stripe_fee", "Dispute fee"))));
    }

    /** A dispute is won: the amount and the dispute fee return to the merchant. */
    public JournalEntry recordDisputeReversal(Handle h, Scope scope, String disputeId, String chargeId,
            String currency, long amount) {
        long now = now();
        long fee = disputeFee(currency);
        return write(h, scope, new JournalEntry(Ids.object("txn_"), now, "adjustment", "dispute_reversal", disputeId,
                currency, now, "Chargeback reversal for " + chargeId,
                List.of(JournalEntry.Posting.of(LedgerAccount.MERCHANT_BALANCE, amount + fee),
                        JournalEntry.Posting.of(LedgerAccount.CARD_NETWORK, -amount),
                        new JournalEntry.Posting(LedgerAccount.FEES, -fee, "stripe_fee", "Dispute fee"))));
    }

    public static long disputeFee(String currency) {
        long fee = DISPUTE_FEE_MAJOR;
        for (int i = 0; i < Currencies.exponent(currency); i++) {
            fee *= 10;
        }
        return fee;
    }

    public Optional<JournalEntry> find(Handle h, Scope scope, String id) {
        return store.find(h, scope, id);
    }

    public List<JournalEntry> bySources(Handle h, Scope scope, List<String> sourceIds) {
        return sourceIds.isEmpty() ? List.of() : store.bySources(h, scope, sourceIds);
    }

    Page<JournalEntry> list(Handle h, Scope scope, ListRequest request, String type, String sourceId,
            String currency) {
        return store.list(h, scope, request, type, sourceId, currency);
    }

    /** The merchant's balance per currency as {available, pending}, as of now. */
    Map<String, long[]> balances(Handle h, Scope scope) {
        return store.balances(h, scope, now());
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    private JournalEntry write(Handle h, Scope scope, JournalEntry entry) {
        store.insert(h, scope, entry);
        return entry;
    }
}
