package dev.pinstripe.radar.reviews;

import java.util.List;

/**
 * A Radar review: a charge held for a person to look at. It opens (by a rule or by hand) and stays
 * open until it is approved, or until the charge is refunded or disputed; it never opens again.
 *
 * @param closedAt when it was closed (unix seconds), or null while open; not shown by the API
 */
public record Review(String id, boolean livemode, long created, String chargeId, String paymentIntentId,
        boolean open, String openedReason, String closedReason, Long closedAt, String billingZip,
        String ipAddress) {
    /** Why a review opens. */
    public static final List<String> OPENED_REASONS = List.of("rule", "manual");
    /** Why a review closes: Stripe's values for the current API version. */
    public static final List<String> CLOSED_REASONS = List.of("approved", "disputed", "redacted", "refunded",
            "refunded_as_fraud", "canceled", "payment_never_settled", "acknowledged");

    public Review {
        if (open != (closedReason == null) || open != (closedAt == null)) {
            throw new IllegalArgumentException("review " + id + ": open=" + open + " but closed_reason="
                    + closedReason + ", closed_at=" + closedAt);
        }
    }

    /** Stripe's {@code reason}: why the review is open, or why it was closed. */
    public String reason() {
        return open ? openedReason : closedReason;
    }

    Review closed(String reason, long at) {
        return new Review(id, livemode, created, chargeId, paymentIntentId, false, openedReason, reason, at,
                billingZip, ipAddress);
    }
}
