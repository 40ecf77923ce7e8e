package dev.pinstripe.payments;

import static dev.pinstripe.payments.PaymentMethodJson.putNullable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Shapes;
import dev.pinstripe.ledger.BalanceJson;
import dev.pinstripe.ledger.JournalEntry;
import java.util.List;

/** The API shape of a dispute; its balance transactions are embedded in full, as Stripe does. */
final class DisputeJson {
    private DisputeJson() {}

    static ObjectNode render(Dispute d, List<JournalEntry> entries, String brand, long now) {
        ObjectNode o = Shapes.of("dispute");
        o.put("id", d.id());
        o.put("amount", d.amount());
        ArrayNode transactions = o.putArray("balance_transactions");
        entries.forEach(e -> transactions.add(BalanceJson.transaction(e, now)));
        o.put("charge", d.chargeId());
        o.put("created", d.created());
        o.put("currency", d.currency());
        o.set("evidence", d.evidence());
        o.set("evidence_details", d.evidenceDetails());
        o.put("is_charge_refundable", d.isChargeRefundable());
        o.put("livemode", d.livemode());
        o.set("metadata", Json.map(d.metadata()));
        putNullable(o, "payment_intent", d.paymentIntentId());
        ObjectNode card = (ObjectNode) o.path("payment_method_details").path("card");
        card.put("brand", brand);
        card.put("case_type", d.isInquiry() ? "inquiry" : "chargeback");
        card.put("network", brand);
        o.put("reason", d.reason());
        o.put("status", d.status());
        return o;
    }
}
