package dev.pinstripe.payments.network;

import java.util.Objects;

/** The network's answer to an authorization (or a card verification): approved, declined, or needs 3D Secure. */
public sealed interface Authorization {

    /** Approved; {@code outcome} is the charge's outcome. */
    record Approved(Outcome outcome) implements Authorization {
        public Approved {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Declined by the issuer or blocked by Radar; {@code decline} is the error, {@code outcome} the charge's. */
    record Declined(Decline decline, Outcome outcome) implements Authorization {
        public Declined {
            Objects.requireNonNull(decline, "decline");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * The customer must complete 3D Secure first. On-session the caller moves the payment to
     * {@code requires_action}; off-session it fails with {@link Decline#AUTHENTICATION_REQUIRED}.
     */
    record AuthenticationRequired() implements Authorization {}
}
