package dev.pinstripe.radar.reviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Shapes;

/** Stripe's Review object. */
final class ReviewJson {
    private ReviewJson() {}

    static ObjectNode render(Review r) {
        ObjectNode o = Shapes.of("review");
        o.put("id", r.id());
        o.put("billing_zip", r.billingZip());
        o.put("charge", r.chargeId());
        o.put("closed_reason", r.closedReason());
        o.put("created", r.created());
        o.put("ip_address", r.ipAddress());
        o.put("livemode", r.livemode());
        o.put("open", r.open());
        o.put("opened_reason", r.openedReason());
        // Present only when the payment has a PaymentIntent (stripe-node's types: payment_intent?).
        if (r.paymentIntentId() != null) {
            o.put("payment_intent", r.paymentIntentId());
        } else {
            o.remove("payment_intent");
        }
        o.put("reason", r.reason());
        return o;
    }
}
