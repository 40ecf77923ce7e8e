package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A card payment method. The card number is never kept: only what Stripe returns (brand, last4,
 * expiry, funding, country, fingerprint, checks) and the name of the network profile that tells
 * the simulated network how the card behaves.
 */
record PaymentMethod(String id, boolean livemode, long created, String customerId, Card card,
        String networkProfile, ObjectNode billingDetails, String allowRedisplay, Map<String, String> metadata) {

    /**
     * @param checks        what the API shows now; null values until the card is first used
     * @param pendingChecks the results of the checks, computed while the CVC was at hand (it is
     *                      never stored) and revealed when the card is attached or charged
     */
    record Card(String brand, String country, long expMonth, long expYear, String fingerprint, String funding,
            String last4, Checks checks, Checks pendingChecks) {
        /** Whether a CVC came with the card (its check has a result, revealed or not). */
        boolean cvcGiven() {
            return pendingChecks != null && pendingChecks.cvcCheck() != null;
        }

        Card withChecksRevealed() {
            return new Card(brand, country, expMonth, expYear, fingerprint, funding, last4, pendingChecks,
                    pendingChecks);
        }

        Card withExpiry(long month, long year) {
            return new Card(brand, country, month, year, fingerprint, funding, last4, checks, pendingChecks);
        }
    }

    /** Stripe's card checks: pass, fail, unavailable, unchecked, or null. */
    record Checks(String addressLine1Check, String addressPostalCodeCheck, String cvcCheck) {
        static final Checks NONE = new Checks(null, null, null);
    }

    PaymentMethod withCustomer(String customer) {
        return new PaymentMethod(id, livemode, created, customer, card, networkProfile, billingDetails, allowRedisplay,
                metadata);
    }

    PaymentMethod withCard(Card c) {
        return new PaymentMethod(id, livemode, created, customerId, c, networkProfile, billingDetails, allowRedisplay,
                metadata);
    }
}
