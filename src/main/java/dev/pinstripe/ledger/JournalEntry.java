package dev.pinstripe.ledger;

import java.util.List;

/**
 * One money movement, shown by the API as a balance transaction. Its postings sum to zero.
 *
 * @param type              Stripe's balance transaction type (charge, refund, adjustment, ...)
 * @param reportingCategory Stripe's reporting category (charge, refund, dispute, dispute_reversal, ...)
 * @param sourceId          the object that moved the money (ch_, re_, du_)
 */
public record JournalEntry(String id, long created, String type, String reportingCategory, String sourceId,
        String currency, long availableOn, String description, List<Posting> postings) {

    public JournalEntry {
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new IllegalArgumentException("a journal entry has at least two postings: " + id);
        }
        long sum = 0;
        for (Posting p : postings) {
            sum = Math.addExact(sum, p.amount());
        }
        if (sum != 0) {
            throw new IllegalArgumentException("journal entry " + id + " does not balance: " + sum);
        }
    }

    /** One side of an entry; {@code feeType} and {@code feeDescription} only on fee postings. */
    public record Posting(LedgerAccount account, long amount, String feeType, String feeDescription) {
        public Posting {
            if (amount == 0) {
                throw new IllegalArgumentException("a posting moves money");
            }
        }

        static Posting of(LedgerAccount account, long amount) {
            return new Posting(account, amount, null, null);
        }
    }

    /** What the merchant's balance changed by: the balance transaction's {@code net}. */
    public long net() {
        return sum(LedgerAccount.MERCHANT_BALANCE);
    }

    /** Fees the merchant paid (negative when returned): the balance transaction's {@code fee}. */
    public long fee() {
        return sum(LedgerAccount.FEES);
    }

    /** The gross amount: the balance transaction's {@code amount}. */
    public long amount() {
        return net() + fee();
    }

    private long sum(LedgerAccount account) {
        long sum = 0;
        for (Posting p : postings) {
            if (p.account() == account) {
                sum += p.amount();
            }
        }
        return sum;
    }
}
