package dev.pinstripe.radar.rules;

/**
 * What a rule does to a payment it matches.
 *
 * <p>The declaration order is the order in which Radar evaluates rules (Stripe's rules reference,
 * "Rule processing and ordering"): 3D Secure requests first, then allow, block and review. Callers
 * that sort rules by action can rely on {@link #compareTo}.
 */
public enum RuleAction {
    /** Written {@code Request Credentials if ...} (or Stripe's {@code Request 3D Secure if ...}). */
    REQUEST_CREDENTIALS("request_credentials"),
    ALLOW("allow"),
    BLOCK("block"),
    REVIEW("review");

    private final String wireName;

    RuleAction(String wireName) {
        this.wireName = wireName;
    }

    /** The name in Stripe's API ({@code outcome.rule.action}), e.g. {@code request_credentials}. */
    public String wireName() {
        return wireName;
    }

    /**
     * The action with this API name.
     *
     * @throws IllegalArgumentException if no action has that name
     */
    public static RuleAction fromWire(String wireName) {
        for (RuleAction action : values()) {
            if (action.wireName.equals(wireName)) {
                return action;
            }
        }
        throw new IllegalArgumentException("Unknown rule action: " + wireName);
    }
}
