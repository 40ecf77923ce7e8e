package dev.pinstripe.radar.reviews;

import java.util.List;

/**
 * An early fraud warning: the card issuer reports that a charge may be fraudulent. It is
 * actionable while the charge can still be refunded to head off a dispute, that is until the charge
 * is disputed or fully refunded.
 */
public record EarlyFraudWarning(String id, boolean livemode, long created, String chargeId, String paymentIntentId,
        boolean actionable, String fraudType) {
    /** The issuer's fraud types, as Stripe lists them. */
    public static final List<String> FRAUD_TYPES = List.of("card_never_received", "fraudulent_card_application",
            "made_with_counterfeit_card", "made_with_lost_card", "made_with_stolen_card", "misc",
            "unauthorized_use_of_card");

    EarlyFraudWarning notActionable() {
        return new EarlyFraudWarning(id, livemode, created, chargeId, paymentIntentId, false, fraudType);
    }
}
