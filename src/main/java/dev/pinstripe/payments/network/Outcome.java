package dev.pinstripe.payments.network;

import java.util.Objects;

/**
 * A charge's {@code outcome} as Stripe renders it: network status, reason (null when none), Radar risk
 * level and score (0-99), seller message and type.
 */
public record Outcome(String networkStatus, String reason, String riskLevel, int riskScore, String sellerMessage,
                      String type) {

    /** Highest score Radar gives a {@code normal} risk payment. */
    public static final int RISK_SCORE_NORMAL_MAX = 64;
    /** Highest score Radar gives an {@code elevated} risk payment; above it is {@code highest}. */
    public static final int RISK_SCORE_ELEVATED_MAX = 74;
    /** Highest risk score there is. */
    public static final int RISK_SCORE_MAX = 99;

    public Outcome {
        Objects.requireNonNull(networkStatus, "networkStatus");
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(sellerMessage, "sellerMessage");
        Objects.requireNonNull(type, "type");
        if (riskScore < 0 || riskScore > RISK_SCORE_MAX) {
            throw new IllegalArgumentException("risk score out of range: " + riskScore);
        }
    }

    /** The outcome of an approved authorization: {@code approved_by_network}, {@code authorized}, "Payment complete.". */
    public static Outcome approved(String riskLevel, int riskScore) {
        return new Outcome("approved_by_network", null, riskLevel, riskScore, "Payment complete.", "authorized");
    }

    /** The outcome of a declined or blocked authorization, taken from the decline. */
    public static Outcome declined(Decline decline, String riskLevel, int riskScore) {
        return new Outcome(decline.networkStatus(), decline.outcomeReason(), riskLevel, riskScore,
                decline.sellerMessage(), decline.outcomeType());
    }
}
