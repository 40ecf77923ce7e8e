package dev.pinstripe.payments.network;

import java.util.Objects;

/**
 * A declined payment as Stripe reports it: the error's {@code code}, {@code decline_code} (null where
 * Stripe sends none) and {@code message}, and the charge {@code outcome}'s network status, type, reason
 * and seller message.
 */
public record Decline(String code, String declineCode, String message, String networkStatus, String outcomeType,
                      String outcomeReason, String sellerMessage) {

    /** {@code 4000000000000002}: the issuer declines without a reason. */
    public static final Decline GENERIC_DECLINE = issuer("card_declined", "generic_decline",
            "Your card was declined.", "generic_decline",
            "The bank did not return any further details with this decline.");
    /** {@code 4000000000009995}. */
    public static final Decline INSUFFICIENT_FUNDS = issuer("card_declined", "insufficient_funds",
            "Your card has insufficient funds.", "insufficient_funds", bankReturned("insufficient_funds"));
    /** {@code 4000000000009987}. Stripe does not tell the customer the card is lost. */
    public static final Decline LOST_CARD = issuer("card_declined", "lost_card",
            "Your card was declined.", "lost_card", bankReturned("lost_card"));
    /** {@code 4000000000009979}. Stripe does not tell the customer the card is stolen. */
    public static final Decline STOLEN_CARD = issuer("card_declined", "stolen_card",
            "Your card was declined.", "stolen_card", bankReturned("stolen_card"));
    /** {@code 4000000000000069}: Stripe sends no decline_code, and {@code param} is {@code exp_month}. */
    public static final Decline EXPIRED_CARD = issuer("expired_card", null,
            "Your card has expired.", "expired_card", bankReturned("expired_card"));
    /** {@code 4000000000000127}, and a failed CVC check: no decline_code, {@code param} is {@code cvc}. */
    public static final Decline INCORRECT_CVC = issuer("incorrect_cvc", null,
            "Your card's security code is incorrect.", "incorrect_cvc", bankReturned("incorrect_cvc"));
    /** {@code 4000000000000119}: no decline_code. */
    public static final Decline PROCESSING_ERROR = issuer("processing_error", null,
            "An error occurred while processing your card. Try again in a little bit.", "processing_error",
            bankReturned("processing_error"));
    /** {@code 4000000000006975}. */
    public static final Decline CARD_VELOCITY_EXCEEDED = issuer("card_declined", "card_velocity_exceeded",
            "Your card was declined for making repeated attempts too frequently or exceeding its amount limit.",
            "card_velocity_exceeded", bankReturned("card_velocity_exceeded"));
    /** Radar's default rule blocks a highest-risk payment before it reaches the network. */
    public static final Decline BLOCKED_HIGHEST_RISK = new Decline("card_declined", "fraudulent",
            "Your card was declined.", "not_sent_to_network", "blocked", "highest_risk_level",
            "Stripe blocked this payment as too risky.");
    /**
     * For callers: an off-session payment that needs 3D Secure, which cannot happen without the customer
     * ({@link Authorization.AuthenticationRequired} on an off-session payment).
     */
    public static final Decline AUTHENTICATION_REQUIRED = issuer("authentication_required", "authentication_required",
            "Your card was declined. This transaction requires authentication.", "authentication_required",
            bankReturned("authentication_required"));

    public Decline {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(networkStatus, "networkStatus");
        Objects.requireNonNull(outcomeType, "outcomeType");
        Objects.requireNonNull(sellerMessage, "sellerMessage");
    }

    /** The error's {@code param} Stripe sends with this code, or null: {@code exp_month}, {@code cvc}, {@code number}. */
    public String param() {
        return switch (code) {
            case "expired_card" -> "exp_month";
            case "incorrect_cvc" -> "cvc";
            case "incorrect_number" -> "number";
            default -> null;
        };
    }

    /** The error's {@code doc_url}, e.g. {@code https://stripe.com/docs/error-codes/card-declined}. */
    public String docUrl() {
        return "https://stripe.com/docs/error-codes/" + code.replace('_', '-');
    }

    private static Decline issuer(String code, String declineCode, String message, String reason, String seller) {
        return new Decline(code, declineCode, message, "declined_by_network", "issuer_declined", reason, seller);
    }

    private static String bankReturned(String declineCode) {
        return "The bank returned the decline code `" + declineCode + "`.";
    }
}
