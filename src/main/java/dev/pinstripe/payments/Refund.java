package dev.pinstripe.payments;

import java.util.Map;

/** A refund of captured money back to the cardholder. */
record Refund(String id, boolean livemode, long created, String chargeId, String paymentIntentId, String customerId,
        String paymentMethodId, long amount, String currency, String status, String reason,
        String balanceTransactionId, Map<String, String> metadata) {}
