package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** A PaymentIntent: one attempt to collect an amount, moving through Stripe's statuses. */
record PaymentIntent(String id, boolean livemode, long created, long amount, String currency, String status,
        String captureMethod, String confirmationMethod, String customerId, String paymentMethodId,
        long amountCapturable, long amountReceived, String latestChargeId, String clientSecret, Long canceledAt,
        String cancellationReason, Map<String, String> metadata, Details details) {

    static final String REQUIRES_PAYMENT_METHOD = "requires_payment_method";
    static final String REQUIRES_CONFIRMATION = "requires_confirmation";
    static final String REQUIRES_ACTION = "requires_action";
    static final String PROCESSING = "processing";
    static final String REQUIRES_CAPTURE = "requires_capture";
    static final String CANCELED = "canceled";
    static final String SUCCEEDED = "succeeded";

    /** Descriptive fields, stored together as JSON. */
    record Details(String description, String statementDescriptor, String statementDescriptorSuffix,
            String setupFutureUsage, String receiptEmail, JsonNode shipping, JsonNode lastPaymentError,
            JsonNode nextAction, String returnUrl, String requestThreeDSecure) {
        static final Details EMPTY = new Details(null, null, null, null, null, null, null, null, null, "automatic");
    }

    Builder edit() {
        return new Builder(this);
    }

    /** A copy with some fields changed; the record stays immutable. */
    static final class Builder {
        long amount;
        String currency;
        String status;
        String captureMethod;
        String customerId;
        String paymentMethodId;
        long amountCapturable;
        long amountReceived;
        String latestChargeId;
        Long canceledAt;
        String cancellationReason;
        Map<String, String> metadata;
        Details details;
        private final PaymentIntent from;

        Builder(PaymentIntent pi) {
            from = pi;
            amount = pi.amount;
            currency = pi.currency;
            status = pi.status;
            captureMethod = pi.captureMethod;
            customerId = pi.customerId;
            paymentMethodId = pi.paymentMethodId;
            amountCapturable = pi.amountCapturable;
            amountReceived = pi.amountReceived;
            latestChargeId = pi.latestChargeId;
            canceledAt = pi.canceledAt;
            cancellationReason = pi.cancellationReason;
            metadata = pi.metadata;
            details = pi.details;
        }

        PaymentIntent build() {
            return new PaymentIntent(from.id, from.livemode, from.created, amount, currency, status, captureMethod,
                    from.confirmationMethod, customerId, paymentMethodId, amountCapturable, amountReceived,
                    latestChargeId, from.clientSecret, canceledAt, cancellationReason, metadata, details);
        }
    }
}
