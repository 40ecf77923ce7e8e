package dev.pinstripe.radar.external;

/**
 * What the external fraud service said about one payment: a probability of fraud, or why there is
 * none (then the payment proceeds on Radar's own score).
 */
public sealed interface ExternalScore {
    String TIMEOUT = "timeout";
    String ERROR_STATUS = "error_status";
    String UNREACHABLE = "unreachable";
    String BAD_RESPONSE = "bad_response";
    String CIRCUIT_OPEN = "circuit_open";

    /** @param probability the service's probability of fraud, 0..1 */
    record Scored(double probability) implements ExternalScore {
        public Scored {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("a probability is between 0 and 1, not " + probability);
            }
        }
    }

    /**
     * @param reason one of {@value #TIMEOUT}, {@value #ERROR_STATUS}, {@value #UNREACHABLE},
     *               {@value #BAD_RESPONSE}, {@value #CIRCUIT_OPEN}
     */
    record Unavailable(String reason) implements ExternalScore {
        public Unavailable {
            if (!(TIMEOUT.equals(reason) || ERROR_STATUS.equals(reason) || UNREACHABLE.equals(reason)
                    || BAD_RESPONSE.equals(reason) || CIRCUIT_OPEN.equals(reason))) {
                throw new IllegalArgumentException("unknown reason: " + reason);
            }
        }
    }
}
