package dev.pinstripe.radar.reviews;

/**
 * What the payment code knows when it puts a charge under review. Invalid values are programmer
 * errors (they never come from API input), so they throw.
 *
 * @param paymentIntentId the charge's PaymentIntent, or null to take it from the charge
 * @param openedReason    {@code rule} or {@code manual}
 * @param billingZip      the card's postal code, or null
 * @param ipAddress       where the payment came from, or null
 */
public record ReviewOpening(String chargeId, String paymentIntentId, String openedReason, String billingZip,
        String ipAddress) {
    /** The longest billing ZIP or IP address stored (the columns' CHECK). */
    static final int TEXT_LENGTH_MAX = 64;

    public ReviewOpening {
        if (chargeId == null || chargeId.isEmpty()) {
            throw new IllegalArgumentException("a review needs a charge");
        }
        if (!Review.OPENED_REASONS.contains(openedReason)) {
            throw new IllegalArgumentException("opened_reason must be one of " + Review.OPENED_REASONS + ", not "
                    + openedReason);
        }
        if (billingZip != null && billingZip.length() > TEXT_LENGTH_MAX) {
            throw new IllegalArgumentException("billing_zip is longer than " + TEXT_LENGTH_MAX);
        }
        if (ipAddress != null && ipAddress.length() > TEXT_LENGTH_MAX) {
            throw new IllegalArgumentException("ip_address is longer than " + TEXT_LENGTH_MAX);
        }
    }
}
