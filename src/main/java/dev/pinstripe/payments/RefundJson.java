package dev.pinstripe.payments;

import static dev.pinstripe.payments.PaymentMethodJson.putNullable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Shapes;

/** The API shapes of refunds and disputes. */
final class RefundJson {
    private RefundJson() {}

    static ObjectNode render(Refund r) {
        ObjectNode o = Shapes.of("refund");
        o.put("id", r.id());
        o.put("amount", r.amount());
        putNullable(o, "balance_transaction", r.balanceTransactionId());
        o.put("charge", r.chargeId());
        o.put("created", r.created());
        o.put("currency", r.currency());
        putNullable(o, "customer", r.customerId());
        o.set("metadata", Json.map(r.metadata()));
        putNullable(o, "payment_intent", r.paymentIntentId());
        putNullable(o, "payment_method", r.paymentMethodId());
        putNullable(o, "reason", r.reason());
        o.put("status", r.status());
        return o;
    }
}
