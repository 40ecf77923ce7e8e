package dev.pinstripe.radar;

import java.util.Objects;

/**
 * Radar's view of one payment attempt: its risk score and level, what the rules decided, and the
 * rule that decided it ({@code ruleId} null for Stripe's default rules and when no rule matched).
 *
 * @param evidence what it was decided from, kept for explanations and backtests
 * @param reason the charge's {@code outcome.reason}: {@code highest_risk_level} or {@code elevated_risk_level}
 *               for Stripe's default rules, {@code rule} for the account's rules (allow too); null otherwise
 */
public record Assessment(int riskScore, String riskLevel, Verdict verdict, String ruleId, String ruleAction,
        String rulePredicate, String reason, Evidence evidence) {

    /**
     * What the decision was made from: the rule attributes, and for a payment the model scored, its
     * features and probability (null for test cards, whose risk is forced).
     */
    public record Evidence(java.util.Map<String, Object> attributes, float[] features, Double probability) {}

    /** What the payment does next. */
    public enum Verdict {
        /** Goes to the network (no rule matched, or an allow rule did). */
        PROCEED,
        /** Goes to the network, and a review opens if it succeeds. */
        REVIEW,
        /** Needs 3-D Secure before it goes to the network. */
        REQUEST_CREDENTIALS,
        /** Never reaches the network: declined as {@code blocked}. */
        BLOCK
    }

    public Assessment {
        Objects.requireNonNull(riskLevel, "riskLevel");
        Objects.requireNonNull(verdict, "verdict");
    }
}
