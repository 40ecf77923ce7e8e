package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** A dispute (chargeback or inquiry) of a charge, with the evidence the merchant gives. */
record Dispute(String id, boolean livemode, long created, String chargeId, String paymentIntentId, long amount,
        String currency, String status, String reason, boolean isChargeRefundable, Map<String, String> metadata,
        ObjectNode evidence, ObjectNode evidenceDetails) {

    static final List<String> OPEN = List.of("warning_needs_response", "needs_response", "under_review",
            "warning_under_review");

    boolean isInquiry() {
        return status.startsWith("warning_");
    }
}
