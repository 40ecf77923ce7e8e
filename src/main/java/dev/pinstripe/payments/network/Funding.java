package dev.pinstripe.payments.network;

import java.util.Locale;

/** A card's funding type, as Stripe reports it in {@code card.funding}; the wire value is the lower-case name. */
public enum Funding {
    CREDIT, DEBIT, PREPAID, UNKNOWN;

    /** The value Stripe puts on the wire: {@code credit}, {@code debit}, {@code prepaid} or {@code unknown}. */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
