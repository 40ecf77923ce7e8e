package dev.pinstripe.radar.external;

import dev.pinstripe.radar.PaymentSignals;
import java.util.Map;
import java.util.Objects;

/**
 * What the external fraud service is told about one payment attempt; sent as snake_case JSON
 * (docs/radar-external.md). Unknown facts are null. Never logged: it holds card and customer data.
 *
 * @param chargeAttemptId  the attempt's charge ID, so the service can correlate its own records
 * @param amountUsdCents   the amount in US cents, or {@link PaymentSignals#UNKNOWN_AMOUNT}
 * @param radarProbability Radar's own probability of fraud, 0..1
 */
public record ExternalRequest(String chargeAttemptId, long amount, String currency, long amountUsdCents,
        String cardFingerprint, String cardBrand, String cardCountry, String customer, String email, String ipAddress,
        Map<String, String> metadata, double radarProbability) {

    public ExternalRequest {
        Objects.requireNonNull(chargeAttemptId, "chargeAttemptId");
        Objects.requireNonNull(currency, "currency");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (!(radarProbability >= 0 && radarProbability <= 1)) {
            throw new IllegalArgumentException("radarProbability is between 0 and 1, not " + radarProbability);
        }
    }

    /** The request for a payment Radar has scored {@code radarProbability}. */
    public static ExternalRequest of(String chargeAttemptId, PaymentSignals s, double radarProbability) {
        return new ExternalRequest(chargeAttemptId, s.amount(), s.currency(), s.amountUsdCents(), s.cardFingerprint(),
                s.cardBrand(), s.cardCountry(), s.customer(), s.email(), s.ipAddress(), s.metadata(), radarProbability);
    }

    /** Only the attempt's ID: the rest is card and customer data. */
    @Override
    public String toString() {
        return "ExternalRequest[chargeAttemptId=" + chargeAttemptId + "]";
    }
}
