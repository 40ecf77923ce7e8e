package dev.pinstripe.payments;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A charge: the card network's answer to one payment attempt. {@code amountRefunded} counts refunds
 * of captured money only; {@code amountReleased} is what was authorized but never captured.
 */
record Charge(String id, boolean livemode, long created, String paymentIntentId, String customerId,
        String paymentMethodId, long amount, String currency, String status, boolean captured, long amountCaptured,
        long amountRefunded, long amountReleased, boolean disputed, String balanceTransactionId, String failureCode,
        String failureMessage, Map<String, String> metadata, Details details) {

    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";

    /**
     * Descriptive fields stored as JSON: what the API shows, copied at payment time, and what Radar
     * decided from ({@code radar}, never shown by the API; docs/radar.md).
     */
    record Details(JsonNode outcome, JsonNode paymentMethodDetails, JsonNode billingDetails, String description,
            String receiptEmail, String statementDescriptor, String statementDescriptorSuffix, JsonNode shipping,
            boolean legacy, boolean availableImmediately, String review, JsonNode radar) {

        Details withReview(String reviewId) {
            return new Details(outcome, paymentMethodDetails, billingDetails, description, receiptEmail,
                    statementDescriptor, statementDescriptorSuffix, shipping, legacy, availableImmediately, reviewId,
                    radar);
        }
    }

    Charge withDetails(Details d) {
        return new Charge(id, livemode, created, paymentIntentId, customerId, paymentMethodId, amount, currency, status,
                captured, amountCaptured, amountRefunded, amountReleased, disputed, balanceTransactionId, failureCode,
                failureMessage, metadata, d);
    }

    /** What may still be refunded. */
    long refundable() {
        return amountCaptured - amountRefunded;
    }

    Charge withRefunded(long refunded) {
        return new Charge(id, livemode, created, paymentIntentId, customerId, paymentMethodId, amount, currency, status,
                captured, amountCaptured, refunded, amountReleased, disputed, balanceTransactionId, failureCode,
                failureMessage, metadata, details);
    }
}
