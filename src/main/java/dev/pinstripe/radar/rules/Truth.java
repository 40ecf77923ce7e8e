package dev.pinstripe.radar.rules;

/**
 * The value of a condition: true, false, or missing, when it depends on a value the payment doesn't
 * have. Stripe (May 2024): a comparison with a missing attribute is missing, missing is carried
 * through {@code NOT}, and a rule whose condition is missing doesn't match.
 *
 * <p>{@code AND} and {@code OR} follow SQL's three-valued logic: {@code false AND missing} is false,
 * {@code true OR missing} is true, and anything else involving missing is missing. That is what
 * makes Stripe's own example {@code is_missing(:email_domain:) OR :email_domain: IN (...)} match
 * payments without an email.
 */
enum Truth {
    TRUE,
    FALSE,
    MISSING;

    static Truth of(boolean holds) {
        return holds ? TRUE : FALSE;
    }

    Truth not() {
        return switch (this) {
            case TRUE -> FALSE;
            case FALSE -> TRUE;
            case MISSING -> MISSING;
        };
    }
}
