package dev.pinstripe.payments.network;

/**
 * The verification results Stripe shows in {@code card.checks}: {@code cvc_check},
 * {@code address_line1_check} and {@code address_postal_code_check}. Each is {@code pass}, {@code fail},
 * {@code unavailable} or {@code unchecked}, or null when that data was not provided.
 */
public record CardChecks(String cvcCheck, String addressLine1Check, String addressPostalCodeCheck) {

    /** The check passed. */
    public static final String PASS = "pass";
    /** The check failed. */
    public static final String FAIL = "fail";
    /** The issuer could not perform the check. */
    public static final String UNAVAILABLE = "unavailable";
    /** The data was provided but not yet checked: a new PaymentMethod, before any authorization or verification. */
    public static final String UNCHECKED = "unchecked";
}
