package dev.pinstripe.payments.network;

import java.util.Objects;

/** What the simulated network, issuer and Radar do with a card; one behaviour per test card. */
public sealed interface Behaviour {

    /** Every step succeeds: attach, set up, authorize, capture, refund. */
    record Succeeds() implements Behaviour {}

    /**
     * Every authorization is declined with {@code decline}. When {@code declinesOnAttach} is true the card
     * cannot be attached to a customer or set up either (Stripe's declined-payments table); when false it
     * attaches fine and only charges fail ({@code 4000000000000341}, "Decline after attaching").
     */
    record DeclinesCharge(Decline decline, boolean declinesOnAttach) implements Behaviour {
        public DeclinesCharge {
            Objects.requireNonNull(decline, "decline");
        }
    }

    /**
     * 3D Secure is required. {@code evenWhenSetUp}: authentication is needed even for an off-session payment
     * with a card set up for off-session use ("Always authenticate"); otherwise such a payment is exempt
     * ("Authenticate unless set up"). {@code exemptOffSession}: every off-session payment is exempt, as if
     * the card had been set up ("Already set up"). {@code declineAfterAuthentication}: if not null, the
     * payment is declined with it once authenticated or exempt.
     */
    record RequiresAuthentication(boolean evenWhenSetUp, boolean exemptOffSession, Decline declineAfterAuthentication)
            implements Behaviour {
        /** Authentication required, no off-session exemption beyond set-up cards, approved afterwards. */
        public RequiresAuthentication(boolean evenWhenSetUp) {
            this(evenWhenSetUp, false, null);
        }
    }

    /** Succeeds, and the funds skip the pending balance and are available at once ({@code 4000000000000077}). */
    record AvailableImmediately() implements Behaviour {}

    /**
     * Succeeds, then the payment is disputed: {@code reason} and {@code status} are the new dispute's
     * ({@code needs_response}, or {@code warning_needs_response} for an inquiry); {@code disputeCount} is
     * how many disputes the charge receives (more than one for "Multiple disputes").
     */
    record Disputed(String reason, String status, int disputeCount) implements Behaviour {
        public Disputed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(status, "status");
            if (disputeCount < 1) {
                throw new IllegalArgumentException("disputeCount must be at least 1");
            }
        }

        /** One dispute. */
        public Disputed(String reason, String status) {
            this(reason, status, 1);
        }
    }

    /** Succeeds, then the issuer files an early fraud warning of {@code fraudType} ({@code 4000000000005423}). */
    record EarlyFraudWarning(String fraudType) implements Behaviour {
        public EarlyFraudWarning {
            Objects.requireNonNull(fraudType, "fraudType");
        }
    }

    /**
     * Succeeds; a refund starts in {@code initialStatus} and later moves to {@code finalStatus}
     * ({@code pending} then {@code succeeded}, or {@code succeeded} then {@code failed}).
     */
    record RefundsAsynchronously(String initialStatus, String finalStatus) implements Behaviour {
        public RefundsAsynchronously {
            Objects.requireNonNull(initialStatus, "initialStatus");
            Objects.requireNonNull(finalStatus, "finalStatus");
        }
    }

    /**
     * Radar scores the payment at {@code level} ({@code normal}, {@code elevated}, {@code highest}) with
     * {@code score} (0-99). When {@code blocked}, Radar blocks every payment before it reaches the network.
     */
    record RiskLevel(String level, int score, boolean blocked) implements Behaviour {
        public RiskLevel {
            Objects.requireNonNull(level, "level");
            if (score < 0 || score > Outcome.RISK_SCORE_MAX) {
                throw new IllegalArgumentException("risk score out of range: " + score);
            }
        }
    }

    /**
     * The named verification checks fail when the data they check is given. A failed CVC check declines
     * the payment ({@code incorrect_cvc}); failed address checks do not. {@code elevatedRisk}: Radar also
     * scores the payment as elevated risk.
     */
    record ChecksFail(boolean cvc, boolean line1, boolean postalCode, boolean elevatedRisk) implements Behaviour {
        /** The named checks fail, at normal risk. */
        public ChecksFail(boolean cvc, boolean line1, boolean postalCode) {
            this(cvc, line1, postalCode, false);
        }
    }

    /** Succeeds; the address line 1 and postal code checks come back {@code unavailable} ({@code 4000000000000044}). */
    record AddressChecksUnavailable() implements Behaviour {}
}
