package dev.pinstripe.radar.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Shapes;

/** Stripe's {@code radar.early_fraud_warning} object. */
final class EarlyFraudWarningJson {
    private EarlyFraudWarningJson() {}

    static ObjectNode render(EarlyFraudWarning w) {
        ObjectNode o = Shapes.of("radar.early_fraud_warning");
        o.put("id", w.id());
        o.put("actionable", w.actionable());
        o.put("charge", w.chargeId());
        o.put("created", w.created());
        o.put("fraud_type", w.fraudType());
        o.put("livemode", w.livemode());
        // Present only when the payment has a PaymentIntent (stripe-node's types: payment_intent?).
        if (w.paymentIntentId() != null) {
            o.put("payment_intent", w.paymentIntentId());
        } else {
            o.remove("payment_intent");
        }
        return o;
    }
}
