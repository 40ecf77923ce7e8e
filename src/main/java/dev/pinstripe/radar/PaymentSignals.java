package dev.pinstripe.radar;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * The facts of one payment attempt that Radar scores: what the API request and the stored card,
 * customer and account say, or what a dataset row maps to (docs/radar.md). Unknown facts are null.
 *
 * @param time              when the payment is attempted, epoch seconds
 * @param amountUsdCents    the amount converted to US cents, or {@link #UNKNOWN_AMOUNT}
 * @param cardFingerprint   the card's fingerprint (same card, same value)
 * @param billingAddress    the billing address as one normalised string, or null
 * @param billingLocation   where the billing address is, when known
 * @param merchantLocation  where the merchant (or the payment's point of sale) is, when known
 * @param timeZone          the customer's time zone, for the time of day; null when unknown
 * @param metadata          the payment's metadata
 * @param newCardOnCustomer the card was not attached to the customer before this payment
 */
public record PaymentSignals(long time, long amount, String currency, long amountUsdCents, String cardFingerprint,
        String cardBrand, String cardFunding, String cardCountry, String customer, String email, String ipAddress,
        String ipCountry, String billingAddress, String billingCountry, Location billingLocation,
        Location merchantLocation, ZoneId timeZone, Map<String, String> metadata, boolean newCardOnCustomer) {

    /** {@code amountUsdCents} of a currency Radar cannot convert. */
    public static final long UNKNOWN_AMOUNT = -1;

    public PaymentSignals {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(cardFingerprint, "cardFingerprint");
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A point on Earth in degrees. */
    public record Location(double latitude, double longitude) {
        private static final double EARTH_RADIUS_KM = 6371.0;

        /** Great-circle distance in kilometres (haversine). */
        public double kilometresTo(Location other) {
            double dLat = Math.toRadians(other.latitude - latitude);
            double dLon = Math.toRadians(other.longitude - longitude);
            double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(latitude))
                    * Math.cos(Math.toRadians(other.latitude)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
            return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
        }
    }
}
