package dev.pinstripe.ledger;

/**
 * The ledger's accounts, per Pinstripe account, mode and currency. Postings are signed: positive on
 * {@link #MERCHANT_BALANCE} is money Pinstripe owes the merchant.
 */
public enum LedgerAccount {
    /** What Pinstripe owes the merchant: the Stripe balance, split into pending and available by date. */
    MERCHANT_BALANCE("merchant_balance"),
    /** Pinstripe's revenue from processing and dispute fees. */
    FEES("fees"),
    /** Clearing with the card network: money received from cardholders (negative) and returned to them. */
    CARD_NETWORK("card_network");

    public final String wire;

    LedgerAccount(String wire) {
        this.wire = wire;
    }

    static LedgerAccount of(String wire) {
        for (LedgerAccount a : values()) {
            if (a.wire.equals(wire)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown ledger account " + wire);
    }
}
