package dev.pinstripe.payments;

import static dev.pinstripe.payments.PaymentMethodJson.putNullable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pinstripe.api.Json;
import dev.pinstripe.api.Shapes;

/** The API shapes of PaymentIntents and charges. */
final class PaymentJson {
    private PaymentJson() {}

    static ObjectNode paymentIntent(PaymentIntent pi) {
        ObjectNode o = Shapes.of("payment_intent");
        o.put("id", pi.id());
        o.put("amount", pi.amount());
        o.put("amount_capturable", pi.amountCapturable());
        o.put("amount_received", pi.amountReceived());
        if (pi.canceledAt() != null) {
            o.put("canceled_at", pi.canceledAt());
        }
        putNullable(o, "cancellation_reason", pi.cancellationReason());
        o.put("capture_method", pi.captureMethod());
        o.put("client_secret", pi.clientSecret());
        o.put("confirmation_method", pi.confirmationMethod());
        o.put("created", pi.created());
        o.put("currency", pi.currency());
        putNullable(o, "customer", pi.customerId());
        PaymentIntent.Details d = pi.details();
        putNullable(o, "description", d.description());
        setNullable(o, "last_payment_error", d.lastPaymentError());
        putNullable(o, "latest_charge", pi.latestChargeId());
        o.put("livemode", pi.livemode());
        o.set("metadata", Json.map(pi.metadata()));
        setNullable(o, "next_action", d.nextAction());
        putNullable(o, "payment_method", pi.paymentMethodId());
        ((ObjectNode) o.path("payment_method_options").path("card"))
                .put("request_three_d_secure", d.requestThreeDSecure());
        putNullable(o, "receipt_email", d.receiptEmail());
        putNullable(o, "setup_future_usage", d.setupFutureUsage());
        setNullable(o, "shipping", d.shipping());
        putNullable(o, "statement_descriptor", d.statementDescriptor());
        putNullable(o, "statement_descriptor_suffix", d.statementDescriptorSuffix());
        o.put("status", pi.status());
        return o;
    }

    static ObjectNode charge(Charge c) {
        ObjectNode o = Shapes.of("charge");
        o.put("id", c.id());
        o.put("amount", c.amount());
        o.put("amount_captured", c.amountCaptured());
        long refundedShown = c.amountRefunded() + c.amountReleased();
        o.put("amount_refunded", refundedShown);
        putNullable(o, "balance_transaction", c.balanceTransactionId());
        Charge.Details d = c.details();
        setNullable(o, "billing_details", d.billingDetails());
        o.put("calculated_statement_descriptor", calculatedDescriptor(d));
        o.put("captured", c.captured());
        o.put("created", c.created());
        o.put("currency", c.currency());
        putNullable(o, "customer", c.customerId());
        putNullable(o, "description", d.description());
        o.put("disputed", c.disputed());
        putNullable(o, "failure_code", c.failureCode());
        putNullable(o, "failure_message", c.failureMessage());
        o.put("livemode", c.livemode());
        o.set("metadata", Json.map(c.metadata()));
        ObjectNode outcome = (ObjectNode) o.get("outcome");
        d.outcome().properties().forEach(e -> outcome.set(e.getKey(), e.getValue()));
        o.put("paid", Charge.SUCCEEDED.equals(c.status()));
        putNullable(o, "payment_intent", c.paymentIntentId());
        putNullable(o, "payment_method", c.paymentMethodId());
        ObjectNode card = (ObjectNode) o.path("payment_method_details").path("card");
        d.paymentMethodDetails().properties().forEach(e -> card.set(e.getKey(), e.getValue()));
        putNullable(o, "receipt_email", d.receiptEmail());
        o.put("receipt_url", "https://pay.stripe.com/receipts/payment/" + c.id());
        o.put("refunded", c.amount() > 0 && refundedShown == c.amount());
        putNullable(o, "review", d.review());
        if (d.legacy()) {
            o.set("source", legacyCard(c));
        }
        setNullable(o, "shipping", d.shipping());
        putNullable(o, "statement_descriptor", d.statementDescriptor());
        putNullable(o, "statement_descriptor_suffix", d.statementDescriptorSuffix());
        o.put("status", c.status());
        return o;
    }

    /** The legacy card object a Charges API charge shows as its {@code source}. */
    static ObjectNode legacyCard(Charge c) {
        JsonNode details = c.details().paymentMethodDetails();
        ObjectNode card = Shapes.of("card");
        card.put("id", c.paymentMethodId());
        card.put("brand", switch (details.path("brand").asText()) {
            case "visa" -> "Visa";
            case "mastercard" -> "MasterCard";
            case "amex" -> "American Express";
            case "discover" -> "Discover";
            case "diners" -> "Diners Club";
            case "jcb" -> "JCB";
            case "unionpay" -> "UnionPay";
            default -> "Unknown";
        });
        setNullable(card, "country", details.get("country"));
        setNullable(card, "cvc_check", details.path("checks").get("cvc_check"));
        card.put("exp_month", details.path("exp_month").asLong());
        card.put("exp_year", details.path("exp_year").asLong());
        card.put("fingerprint", details.path("fingerprint").asText());
        card.put("funding", details.path("funding").asText());
        card.put("last4", details.path("last4").asText());
        return card;
    }

    /** Stripe's descriptor: the account's (Pinstripe: "PINSTRIPE") with the suffix, at most 22 characters. */
    static String calculatedDescriptor(Charge.Details d) {
        String base = d.statementDescriptor() != null ? d.statementDescriptor() : "PINSTRIPE";
        String full = d.statementDescriptorSuffix() != null ? base + "* " + d.statementDescriptorSuffix() : base;
        full = full.toUpperCase(java.util.Locale.ROOT);
        return full.length() > 22 ? full.substring(0, 22) : full;
    }

    static void setNullable(ObjectNode o, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            o.putNull(field);
        } else {
            o.set(field, value);
        }
    }
}
