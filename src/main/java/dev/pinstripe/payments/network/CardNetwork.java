package dev.pinstripe.payments.network;

import dev.pinstripe.payments.network.Authorization.Approved;
import dev.pinstripe.payments.network.Authorization.AuthenticationRequired;
import dev.pinstripe.payments.network.Authorization.Declined;
import dev.pinstripe.payments.network.Behaviour.AddressChecksUnavailable;
import dev.pinstripe.payments.network.Behaviour.ChecksFail;
import dev.pinstripe.payments.network.Behaviour.DeclinesCharge;
import dev.pinstripe.payments.network.Behaviour.RequiresAuthentication;
import dev.pinstripe.payments.network.Behaviour.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The simulated card network, issuer and Radar: pure functions of a card and the request's facts. The
 * amount and currency never change the answer, as with Stripe's test cards.
 */
public final class CardNetwork {

    /** Risk level of an ordinary payment. */
    public static final String RISK_NORMAL = "normal";
    /** Risk level of an elevated-risk payment. */
    public static final String RISK_ELEVATED = "elevated";
    /** Risk level of a highest-risk payment. */
    public static final String RISK_HIGHEST = "highest";
    /** Radar score of every elevated-risk check failure ({@link ChecksFail#elevatedRisk()}). */
    public static final int RISK_SCORE_ELEVATED = 70;

    private CardNetwork() {}

    /**
     * The network's answer to an authorization of {@code amountMinorUnits} (0 or more) in {@code currency}.
     * {@code authenticated}: 3D Secure was completed for this payment. {@code setUpForOffSession}: this is
     * an off-session payment with a card previously set up for off-session use (SetupIntent or
     * {@code setup_future_usage}); an on-session payment passes false even for a saved card. The payment is
     * treated as off-session exactly when {@code setUpForOffSession}; use the seven-argument form to say
     * that an off-session payment's card was not set up.
     */
    public static Authorization authorize(TestCard card, long amountMinorUnits, String currency, boolean cvcProvided,
                                          boolean authenticated, boolean setUpForOffSession) {
        return authorize(card, amountMinorUnits, currency, cvcProvided, authenticated, setUpForOffSession,
                setUpForOffSession);
    }

    /**
     * As {@link #authorize(TestCard, long, String, boolean, boolean, boolean)}, with {@code offSession}
     * given separately: it matters for the "Already set up" card ({@code 4000003800000446}), whose every
     * off-session payment is exempt from authentication, set up or not.
     */
    public static Authorization authorize(TestCard card, long amountMinorUnits, String currency, boolean cvcProvided,
                                          boolean authenticated, boolean setUpForOffSession, boolean offSession) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(currency, "currency");
        if (amountMinorUnits < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        int normalScore = normalRiskScore(card);
        return switch (card.behaviour()) {
            case RiskLevel risk when risk.blocked() -> new Declined(Decline.BLOCKED_HIGHEST_RISK,
                    Outcome.declined(Decline.BLOCKED_HIGHEST_RISK, risk.level(), risk.score()));
            case RiskLevel risk -> new Approved(Outcome.approved(risk.level(), risk.score()));
            case RequiresAuthentication auth -> {
                boolean exempt = (setUpForOffSession && !auth.evenWhenSetUp()) || (offSession && auth.exemptOffSession());
                if (!authenticated && !exempt) {
                    yield new AuthenticationRequired();
                }
                yield auth.declineAfterAuthentication() == null
                        ? new Approved(Outcome.approved(RISK_NORMAL, normalScore))
                        : declined(auth.declineAfterAuthentication(), RISK_NORMAL, normalScore);
            }
            case DeclinesCharge declines -> declined(declines.decline(), RISK_NORMAL, normalScore);
            case ChecksFail checks -> {
                String level = checks.elevatedRisk() ? RISK_ELEVATED : RISK_NORMAL;
                int score = checks.elevatedRisk() ? RISK_SCORE_ELEVATED : normalScore;
                yield checks.cvc() && cvcProvided
                        ? declined(Decline.INCORRECT_CVC, level, score)
                        : new Approved(Outcome.approved(level, score));
            }
            default -> new Approved(Outcome.approved(RISK_NORMAL, normalScore));
        };
    }

    /**
     * The card verification Stripe runs when a card is attached to a customer (no 3D Secure): declined for
     * the cards that simulate issuer declines and, when a CVC is given, for a failing CVC check; approved
     * otherwise, including "Decline after attaching" ({@code 4000000000000341}).
     */
    public static Authorization attach(TestCard card, boolean cvcProvided) {
        Objects.requireNonNull(card, "card");
        int normalScore = normalRiskScore(card);
        return switch (card.behaviour()) {
            case DeclinesCharge declines when declines.declinesOnAttach() ->
                    declined(declines.decline(), RISK_NORMAL, normalScore);
            case ChecksFail checks when checks.cvc() && cvcProvided -> declined(Decline.INCORRECT_CVC,
                    checks.elevatedRisk() ? RISK_ELEVATED : RISK_NORMAL,
                    checks.elevatedRisk() ? RISK_SCORE_ELEVATED : normalScore);
            default -> new Approved(Outcome.approved(RISK_NORMAL, normalScore));
        };
    }

    /**
     * Setting a card up for future use (a SetupIntent's confirmation): as {@link #attach}, and 3D Secure
     * cards need authentication first, except the "Already set up" card. A decline after authentication
     * applies to payments, not to the set-up.
     */
    public static Authorization setUp(TestCard card, boolean cvcProvided, boolean authenticated) {
        Objects.requireNonNull(card, "card");
        if (card.behaviour() instanceof RequiresAuthentication auth && !auth.exemptOffSession() && !authenticated) {
            return new AuthenticationRequired();
        }
        return attach(card, cvcProvided);
    }

    /**
     * The {@code card.checks} an authorization of this card reports: each check is null when its data was
     * not given, else {@code pass}, or {@code fail} / {@code unavailable} as the card simulates. An
     * "Incorrect CVC decline" card fails its CVC check.
     */
    public static CardChecks checks(TestCard card, boolean cvcGiven, boolean line1Given, boolean postalGiven) {
        Objects.requireNonNull(card, "card");
        boolean cvcFails = false;
        boolean line1Fails = false;
        boolean postalFails = false;
        boolean addressUnavailable = false;
        switch (card.behaviour()) {
            case ChecksFail checks -> {
                cvcFails = checks.cvc();
                line1Fails = checks.line1();
                postalFails = checks.postalCode();
            }
            case DeclinesCharge declines -> cvcFails = "incorrect_cvc".equals(declines.decline().code());
            case AddressChecksUnavailable unavailable -> addressUnavailable = true;
            default -> { }
        }
        return new CardChecks(
                result(cvcGiven, cvcFails, false),
                result(line1Given, line1Fails, addressUnavailable),
                result(postalGiven, postalFails, addressUnavailable));
    }

    /**
     * A stable Radar score for an ordinary payment with this card, 0 to {@link Outcome#RISK_SCORE_NORMAL_MAX}:
     * derived from the number, so the same card always scores the same.
     */
    public static int normalRiskScore(TestCard card) {
        CRC32 crc = new CRC32();
        crc.update(card.number().getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % (Outcome.RISK_SCORE_NORMAL_MAX + 1));
    }

    private static Declined declined(Decline decline, String riskLevel, int riskScore) {
        return new Declined(decline, Outcome.declined(decline, riskLevel, riskScore));
    }

    private static String result(boolean given, boolean fails, boolean unavailable) {
        if (!given) {
            return null;
        }
        if (unavailable) {
            return CardChecks.UNAVAILABLE;
        }
        return fails ? CardChecks.FAIL : CardChecks.PASS;
    }
}
