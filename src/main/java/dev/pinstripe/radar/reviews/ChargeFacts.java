package dev.pinstripe.radar.reviews;

import dev.pinstripe.api.Scope;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What reviews and early fraud warnings need to know of a charge: that it belongs to the scope,
 * its PaymentIntent, and whether it has already been disputed or fully refunded. A read of the
 * {@code charges} table (owned by payments), kept to these columns.
 */
record ChargeFacts(String paymentIntentId, boolean disputedOrFullyRefunded) {

    static Optional<ChargeFacts> find(Handle h, Scope scope, String chargeId) {
        return h.createQuery("""
                        SELECT payment_intent_id,
                               disputed OR (amount_captured > 0 AND amount_refunded >= amount_captured)
                        FROM charges WHERE id = :id AND account_id = :account AND livemode = :livemode""")
                .bind("id", chargeId).bind("account", scope.accountId()).bind("livemode", scope.livemode())
                .map((rs, ctx) -> new ChargeFacts(rs.getString(1), rs.getBoolean(2)))
                .findOne();
    }

    /**
     * The charge in scope, with {@code paymentIntentId} checked against it: both are programmer
     * errors when wrong (the payment code passes them, never the API).
     *
     * @return the charge's PaymentIntent (or null for a charge without one)
     */
    static ChargeFacts require(Handle h, Scope scope, String chargeId, String paymentIntentId) {
        ChargeFacts facts = find(h, scope, chargeId).orElseThrow(() -> new IllegalArgumentException(
                "no charge " + chargeId + " in account " + scope.accountId() + " (livemode " + scope.livemode() + ")"));
        if (paymentIntentId != null && !paymentIntentId.equals(facts.paymentIntentId())) {
            throw new IllegalArgumentException("charge " + chargeId + " belongs to PaymentIntent "
                    + facts.paymentIntentId() + ", not " + paymentIntentId);
        }
        return facts;
    }
}
